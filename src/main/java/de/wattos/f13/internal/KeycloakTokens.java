package de.wattos.f13.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens from a Keycloak realm by the client-credentials grant (the way F13's gateway admits machine
 * clients), cached per token endpoint and client and renewed before they expire: F13's tokens live five minutes,
 * so a token is renewed once less than a fifth of its lifetime (at most 30 s) is left.
 */
final class KeycloakTokens {

    record Client(String tokenUrl, String clientId, String clientSecret, String audience) {
    }

    private record Cached(String token, Instant renewAt) {
    }

    static final class TokenFailure extends Exception {
        TokenFailure(String reason) {
            super(reason);
        }
    }

    private final HttpClient http;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    KeycloakTokens(HttpClient http, JsonMapper json, Clock clock, Duration timeout) {
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.timeout = timeout;
    }

    String token(Client client) throws TokenFailure {
        String key = key(client);
        Cached cached = cache.get(key);
        if (cached != null && clock.instant().isBefore(cached.renewAt())) {
            return cached.token();
        }
        Cached fresh = fetch(client);
        cache.put(key, fresh);
        return fresh.token();
    }

    /** Forgets a token the gateway refused, so the next call fetches a new one. */
    void invalidate(Client client) {
        cache.remove(key(client));
    }

    /**
     * Per token endpoint, client, secret and audience: two tenants naming the same client id must not share a token
     * unless they also hold its secret (only a digest of the secret is kept as key).
     */
    private static String key(Client client) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    String.valueOf(client.clientSecret()).getBytes(StandardCharsets.UTF_8));
            return client.tokenUrl() + "\n" + client.clientId() + "\n" + client.audience() + "\n"
                    + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Cached fetch(Client client) throws TokenFailure {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", client.clientId());
        form.put("client_secret", client.clientSecret());
        if (client.audience() != null) {
            form.put("audience", client.audience());
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(client.tokenUrl())).timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenFailure("token endpoint not reachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenFailure("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new TokenFailure("token endpoint answered HTTP " + response.statusCode() + F13Wire.errorOf(json, response.body()));
        }
        JsonNode node;
        try {
            node = json.readTree(response.body());
        } catch (RuntimeException e) {
            throw new TokenFailure("token endpoint answered no JSON");
        }
        String token = node.path("access_token").asString(null);
        if (token == null || token.isBlank()) {
            throw new TokenFailure("token endpoint answered no access_token");
        }
        long lifetime = node.path("expires_in").asLong(300);
        long margin = Math.min(30_000, lifetime * 1000 / 5);
        return new Cached(token, clock.instant().plusMillis(lifetime * 1000 - margin));
    }
}
