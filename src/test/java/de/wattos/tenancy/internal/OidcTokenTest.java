package de.wattos.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import de.wattos.IntegrationTest;
import de.wattos.support.TestApi;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Tokens of an external OIDC issuer (shaped like Keycloak's) against a local discovery + JWKS stub. */
@IntegrationTest
class OidcTokenTest {

    @LocalServerPort
    int port;
    @Autowired
    AuthProperties properties;

    TestApi api;
    HttpServer issuer;
    RSAKey key;
    String issuerUri;

    @BeforeEach
    void startIssuer() throws Exception {
        api = new TestApi(port);
        issuerUri = properties.oidc().issuerUri();
        URI uri = URI.create(issuerUri);
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", uri.getPort()), 0);
        String discovery = TestApi.JSON.writeValueAsString(Map.of("issuer", issuerUri, "jwks_uri", issuerUri + "/protocol/openid-connect/certs",
                "authorization_endpoint", issuerUri + "/auth", "token_endpoint", issuerUri + "/token",
                "subject_types_supported", List.of("public"), "id_token_signing_alg_values_supported", List.of("RS256"),
                "response_types_supported", List.of("code")));
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        issuer.createContext(uri.getPath() + "/.well-known/openid-configuration", ex -> respond(ex, discovery));
        issuer.createContext(uri.getPath() + "/protocol/openid-connect/certs", ex -> respond(ex, jwks));
        issuer.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @AfterEach
    void stopIssuer() {
        issuer.stop(0);
    }

    private String token(RSAKey signingKey, String iss, Map<String, Object> claims, Instant exp) throws Exception {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(iss).subject("kc-user-1").issueTime(new Date())
                .expirationTime(Date.from(exp)).claim("preferred_username", "kc.editor");
        claims.forEach(b::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), b.build());
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    @Test
    void acceptsIssuerTokensWithMappedTenantAndRoles() throws Exception {
        var t = api.createTenant();
        var other = api.createTenant();
        Instant exp = Instant.now().plusSeconds(300);
        String editor = token(key, issuerUri, Map.of("tenant", t.slug(), "realm_access", Map.of("roles",
                List.of("editor", "offline_access"))), exp);
        TestApi.Response me = api.get("/api/v1/me", editor);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("user").get("username").asString()).isEqualTo("kc.editor");
        assertThat(me.json().get("roles").toString()).contains("EDITOR");
        assertThat(me.json().get("tenant").get("slug").asString()).isEqualTo(t.slug());
        assertThat(api.get("/api/v1/tenants/" + t.slug(), editor).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/tenants/" + t.slug() + "/users", editor).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/tenants/" + other.slug(), editor).status()).isEqualTo(404);

        // expired, wrong issuer, foreign signing key, no tenant: all refused
        assertThat(api.get("/api/v1/me", token(key, issuerUri, Map.of("tenant", t.slug(), "realm_access",
                Map.of("roles", List.of("editor"))), Instant.now().minusSeconds(120))).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", token(key, "http://evil.example/realms/x", Map.of("tenant", t.slug(), "realm_access",
                Map.of("roles", List.of("editor"))), exp)).status()).isEqualTo(401);
        RSAKey foreign = new RSAKeyGenerator(2048).keyID("k1").generate();
        assertThat(api.get("/api/v1/me", token(foreign, issuerUri, Map.of("tenant", t.slug(), "realm_access",
                Map.of("roles", List.of("editor"))), exp)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", token(key, issuerUri, Map.of("realm_access", Map.of("roles", List.of("editor"))), exp))
                .status()).isEqualTo(401);
    }
}
