package de.wattos.f13.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens from a loopback Keycloak token endpoint (client credentials, five-minute tokens as F13's realm issues
 * them): cached while valid, renewed 30 s before they expire, fetched again after the gateway refused one, and
 * Keycloak's error answers reported with their description. Time is a settable clock, not waiting.
 */
class KeycloakTokensTest {

    HttpServer keycloak;
    final AtomicInteger issued = new AtomicInteger();
    volatile boolean refuse;
    Instant now = Instant.parse("2026-12-02T10:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    KeycloakTokens tokens;
    KeycloakTokens.Client client;

    @BeforeEach
    void start() throws IOException {
        keycloak = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        keycloak.createContext("/realms/f13/protocol/openid-connect/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String body;
            int status;
            if (refuse || !form.contains("grant_type=client_credentials") || !form.contains("client_secret=geheim")) {
                status = 401;
                body = "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}";
            } else {
                status = 200;
                body = "{\"access_token\":\"token-" + issued.incrementAndGet() + "\",\"expires_in\":300,\"token_type\":\"Bearer\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        keycloak.start();
        tokens = new KeycloakTokens(HttpClient.newHttpClient(), JsonMapper.builder().build(), clock, Duration.ofSeconds(10));
        client = new KeycloakTokens.Client("http://127.0.0.1:" + keycloak.getAddress().getPort()
                + "/realms/f13/protocol/openid-connect/token", "wattos", "geheim", "f13-api");
    }

    @AfterEach
    void stop() {
        keycloak.stop(0);
    }

    @Test
    void aTokenIsReusedWhileValidAndRenewedBeforeItExpires() throws Exception {
        assertThat(tokens.token(client)).isEqualTo("token-1");
        now = now.plusSeconds(269);
        assertThat(tokens.token(client)).as("still more than 30 s left").isEqualTo("token-1");
        now = now.plusSeconds(2);
        assertThat(tokens.token(client)).as("renewed 29 s before expiry").isEqualTo("token-2");
        tokens.invalidate(client);
        assertThat(tokens.token(client)).as("a refused token is fetched again").isEqualTo("token-3");
        assertThat(issued.get()).isEqualTo(3);
    }

    @Test
    void aClientWithTheSameIdButAnotherSecretGetsNoCachedToken() throws Exception {
        assertThat(tokens.token(client)).isEqualTo("token-1");
        KeycloakTokens.Client impostor = new KeycloakTokens.Client(client.tokenUrl(), client.clientId(), "falsch",
                client.audience());
        assertThatThrownBy(() -> tokens.token(impostor)).isInstanceOf(KeycloakTokens.TokenFailure.class)
                .hasMessageContaining("HTTP 401");
        assertThat(tokens.token(client)).isEqualTo("token-1");
    }

    @Test
    void keycloakRefusingTheClientIsReportedWithItsReason() {
        refuse = true;
        assertThatThrownBy(() -> tokens.token(client)).isInstanceOf(KeycloakTokens.TokenFailure.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("Invalid client");
    }
}
