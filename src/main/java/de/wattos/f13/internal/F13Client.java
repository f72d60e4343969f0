package de.wattos.f13.internal;

import de.wattos.platform.Multipart;
import de.wattos.platform.SecretBox;
import de.wattos.platform.UrlGuard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls F13 with a tenant's connection: a bearer token from Keycloak (or none in guest mode), a bounded wait, the URL
 * guard before every call, and F13's answers read through {@link F13Wire}. Every failure is an {@link F13Failure} with a
 * short reason, never an exception of the HTTP stack.
 */
@Component
public class F13Client {

    public static final class F13Failure extends Exception {
        private final boolean timedOut;

        F13Failure(String reason) {
            this(reason, false);
        }

        F13Failure(String reason, boolean timedOut) {
            super(reason);
            this.timedOut = timedOut;
        }

        /** F13 did not answer within the caller's time (the HTTP client gave up), as opposed to answering wrongly. */
        public boolean timedOut() {
            return timedOut;
        }
    }

    private final HttpClient http;
    private final JsonMapper json;
    private final KeycloakTokens tokens;
    private final F13Properties properties;
    private final SecretBox secrets;
    private final UrlGuard guard;

    F13Client(JsonMapper json, F13Properties properties, SecretBox secrets, UrlGuard guard) {
        this.json = json;
        this.properties = properties;
        this.secrets = secrets;
        this.guard = guard;
        this.http = HttpClient.newBuilder().connectTimeout(properties.tokenTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.tokens = new KeycloakTokens(http, json, Clock.systemUTC(), properties.tokenTimeout());
    }

    /** {@code POST /rag/database}: F13's answer and the sources it names. */
    public F13Wire.RagAnswer ragSearch(F13Settings.Connection c, String question, int maxSources, Duration timeout)
            throws F13Failure {
        return F13Wire.ragAnswer(post(c, "/rag/database", F13Wire.ragRequest(question, maxSources, c.ragSources()), timeout));
    }

    /** {@code GET /rag/sources}: the names of the retrieval sources F13 offers. */
    public List<String> ragSources(F13Settings.Connection c, Duration timeout) throws F13Failure {
        List<String> names = F13Wire.ragSourceNames(send(c, "GET", "/rag/sources", null, timeout));
        if (names == null) {
            throw new F13Failure("no source list in F13's answer");
        }
        return names;
    }

    /** {@code POST /summary/text}: F13's summary of {@code text} (see {@link F13Wire#summaryRequest}). */
    public String summarize(F13Settings.Connection c, String text, Duration timeout) throws F13Failure {
        JsonNode body = post(c, "/summary/text", F13Wire.summaryRequest(text, c.chatModel()), timeout);
        String summary = F13Wire.summaryText(body);
        if (summary == null || summary.isBlank()) {
            throw new F13Failure("no summary text in F13's answer");
        }
        return summary;
    }

    /**
     * {@code POST /summary/file}: F13's summary of a file as it was uploaded, sent as {@code multipart/form-data} (see
     * {@link F13Wire#summaryFileParts}).
     */
    public String summarizeFile(F13Settings.Connection c, String filename, String contentType, byte[] bytes, Duration timeout)
            throws F13Failure {
        Multipart form = F13Wire.summaryFileParts(filename, contentType, bytes, c.chatModel());
        JsonNode body = send(c, "POST", "/summary/file", form.contentType(),
                HttpRequest.BodyPublishers.ofByteArray(form.body()), timeout);
        String summary = F13Wire.summaryText(body);
        if (summary == null || summary.isBlank()) {
            throw new F13Failure("no summary text in F13's answer");
        }
        return summary;
    }

    /** {@code POST /chat/completion} with the conversation brought into F13's shape. */
    public String chat(F13Settings.Connection c, String model, List<String> system, List<F13Wire.Message> turns, Duration timeout)
            throws F13Failure {
        JsonNode body = post(c, "/chat/completion", F13Wire.chatRequest(model, F13Wire.conversation(system, turns)), timeout);
        String text = body.isObject() ? F13Wire.completionText(body) : null;
        if (text == null) {
            throw new F13Failure("no answer text in F13's completion");
        }
        return text;
    }

    private JsonNode post(F13Settings.Connection c, String path, Map<String, Object> payload, Duration timeout)
            throws F13Failure {
        return send(c, "POST", path, payload, timeout);
    }

    private JsonNode send(F13Settings.Connection c, String method, String path, Map<String, Object> payload, Duration timeout)
            throws F13Failure {
        if (payload == null) {
            return send(c, method, path, null, HttpRequest.BodyPublishers.noBody(), timeout);
        }
        return send(c, method, path, "application/json",
                HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload), StandardCharsets.UTF_8), timeout);
    }

    private JsonNode send(F13Settings.Connection c, String method, String path, String contentType,
            HttpRequest.BodyPublisher body, Duration timeout) throws F13Failure {
        URI uri;
        try {
            String base = c.baseUrl().endsWith("/") ? c.baseUrl().substring(0, c.baseUrl().length() - 1) : c.baseUrl();
            uri = guard.check(base + path);
        } catch (UrlGuard.BlockedUrlException e) {
            throw new F13Failure("URL refused: " + e.code());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).version(HttpClient.Version.HTTP_1_1)
                .header("Accept", "application/json");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body);
        KeycloakTokens.Client client = client(c);
        if (client != null) {
            try {
                request.header("Authorization", "Bearer " + tokens.token(client));
            } catch (KeycloakTokens.TokenFailure e) {
                throw new F13Failure("Keycloak: " + e.getMessage());
            }
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new F13Failure("no answer within " + timeout.toMillis() + " ms", true);
        } catch (IOException e) {
            throw new F13Failure("not reachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new F13Failure("interrupted");
        }
        if (response.statusCode() == 401 && client != null) {
            tokens.invalidate(client);
        }
        if (response.statusCode() / 100 != 2) {
            throw new F13Failure("HTTP " + response.statusCode() + F13Wire.errorOf(json, response.body()));
        }
        try {
            JsonNode node = json.readTree(response.body());
            if (node == null || !(node.isObject() || node.isArray())) {
                throw new F13Failure("no JSON");
            }
            return node;
        } catch (RuntimeException e) {
            throw new F13Failure("no JSON");
        }
    }

    private KeycloakTokens.Client client(F13Settings.Connection c) {
        if (c.guest()) {
            return null;
        }
        return new KeycloakTokens.Client(properties.tokenUrl(c.baseUrl(), c.realm()), c.clientId(),
                secrets.decrypt(c.clientSecretSealed()), properties.audience());
    }
}
