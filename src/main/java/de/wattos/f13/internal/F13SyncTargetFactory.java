package de.wattos.f13.internal;

import de.wattos.kb.SyncTarget;
import de.wattos.kb.SyncTargetConfig;
import de.wattos.kb.SyncTargetFactory;
import de.wattos.platform.UrlGuard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code f13}: F13's public gateway has no ingestion route, so approved knowledge goes to the ingestion endpoint the
 * F13 operator names ({@code url}; the body is {@link F13Wire#ingestion}), authenticated like every F13 client: a
 * bearer token from the operator's Keycloak by client credentials (options {@code tokenUrl}, {@code clientId},
 * {@code audience} (default {@code f13-api}); the target's secret is the client secret), or no token at all with
 * option {@code guest=true}. A refused token is dropped and fetched again on the next attempt.
 */
@Component
class F13SyncTargetFactory implements SyncTargetFactory {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final UrlGuard guard;
    private final JsonMapper json;
    private final HttpClient http;
    private final KeycloakTokens tokens;

    F13SyncTargetFactory(UrlGuard guard, JsonMapper json) {
        this.guard = guard;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        this.tokens = new KeycloakTokens(http, json, Clock.systemUTC(), TIMEOUT);
    }

    @Override
    public String type() {
        return "f13";
    }

    @Override
    public boolean needsSecret() {
        return false;
    }

    @Override
    public boolean needsUrl() {
        return true;
    }

    @Override
    public void validate(SyncTargetConfig config) {
        guard.check(config.url());
        if (!guest(config)) {
            if (config.option("tokenUrl", null) == null) {
                throw new IllegalArgumentException("tokenUrl (Keycloak token endpoint) is required unless guest=true");
            }
            guard.check(config.option("tokenUrl", null));
            if (config.option("clientId", null) == null || config.secret() == null) {
                throw new IllegalArgumentException("clientId and the client secret are required unless guest=true");
            }
        }
    }

    private static boolean guest(SyncTargetConfig config) {
        return "true".equalsIgnoreCase(config.option("guest", "false"));
    }

    @Override
    public SyncTarget create(SyncTargetConfig config) {
        return batch -> {
            URI uri;
            KeycloakTokens.Client client = null;
            try {
                uri = guard.check(config.url());
                if (!guest(config)) {
                    client = new KeycloakTokens.Client(guard.check(config.option("tokenUrl", "")).toString(),
                            config.option("clientId", ""), config.secret(), config.option("audience", "f13-api"));
                }
            } catch (UrlGuard.BlockedUrlException e) {
                throw new SyncTarget.SyncFailure("URL refused: " + e.code());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(F13Wire.ingestion(config.name(), batch)),
                            StandardCharsets.UTF_8));
            if (client != null) {
                try {
                    request.header("Authorization", "Bearer " + tokens.token(client));
                } catch (KeycloakTokens.TokenFailure e) {
                    throw new SyncTarget.SyncFailure(e.getMessage());
                }
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new SyncTarget.SyncFailure("F13 not reachable: " + e.getClass().getSimpleName(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncTarget.SyncFailure("interrupted", e);
            }
            if (response.statusCode() == 401 && client != null) {
                tokens.invalidate(client);
            }
            if (response.statusCode() / 100 != 2) {
                throw new SyncTarget.SyncFailure("F13 answered HTTP " + response.statusCode()
                        + F13Wire.errorOf(json, response.body()));
            }
        };
    }
}
