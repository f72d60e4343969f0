package de.wattos.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import de.wattos.IntegrationTest;
import de.wattos.platform.DataDirectory;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class AuthFlowTest {

    @LocalServerPort
    int port;
    @Autowired
    DataDirectory data;

    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void adminLogsInAndSeesItself() {
        TestApi.Response login = api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestApi.ADMIN_PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.json().get("expiresIn").asInt()).isEqualTo(900);
        TestApi.Response me = api.get("/api/v1/me", login.json().get("accessToken").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("user").get("username").asString()).isEqualTo("admin");
        assertThat(me.json().get("roles").toString()).contains("PLATFORM_ADMIN");
    }

    @Test
    void tenantUserLogsInWithSlugOrEmail() {
        var tenant = api.createTenant();
        TestApi.Response created = api.post("/api/v1/tenants/" + tenant.slug() + "/users", api.adminToken(), Map.of(
                "username", "erika", "email", "erika@" + tenant.slug() + ".example", "password", "correct horse battery",
                "roles", List.of("EDITOR")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("password").doesNotContain("$2a$");
        String token = api.login("erika", "correct horse battery", tenant.slug());
        TestApi.Response me = api.get("/api/v1/me", token);
        assertThat(me.json().get("tenant").get("slug").asString()).isEqualTo(tenant.slug());
        assertThat(me.json().get("roles").toString()).contains("EDITOR");
        String byEmail = api.login("erika@" + tenant.slug() + ".example", "correct horse battery", null);
        assertThat(api.get("/api/v1/me", byEmail).status()).isEqualTo(200);
        // the same username without the tenant is not a platform user
        assertThat(api.post("/api/v1/auth/login", null, Map.of("username", "erika", "password", "correct horse battery")).code())
                .isEqualTo("invalid_credentials");
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeSession() {
        TestApi.Response login = api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestApi.ADMIN_PASSWORD));
        String first = login.json().get("refreshToken").asString();
        TestApi.Response rotated = api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", first));
        assertThat(rotated.status()).isEqualTo(200);
        String second = rotated.json().get("refreshToken").asString();
        String access = rotated.json().get("accessToken").asString();
        assertThat(second).isNotEqualTo(first);
        assertThat(api.get("/api/v1/me", access).status()).isEqualTo(200);

        TestApi.Response reuse = api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", first));
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.code()).isEqualTo("refresh_token_reused");
        // the family is gone: the rotated refresh token and the access token of the session stop working
        assertThat(api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", second)).code()).isEqualTo("invalid_refresh_token");
        TestApi.Response afterRevoke = api.get("/api/v1/me", access);
        assertThat(afterRevoke.status()).isEqualTo(401);
        assertThat(afterRevoke.code()).isEqualTo("session_ended");
    }

    @Test
    void logoutEndsTheSession() {
        TestApi.Response login = api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestApi.ADMIN_PASSWORD));
        String access = login.json().get("accessToken").asString();
        String refresh = login.json().get("refreshToken").asString();
        assertThat(api.post("/api/v1/auth/logout", access, Map.of("refreshToken", refresh)).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", access).code()).isEqualTo("session_ended");
        assertThat(api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", refresh)).status()).isEqualTo(401);
    }

    @Test
    void expiredAndForgedTokensAreRejected() throws Exception {
        byte[] key = Base64.getDecoder().decode(Files.readString(data.root().resolve("jwt.key")).trim());
        TestApi.Response login = api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestApi.ADMIN_PASSWORD));
        SignedJWT valid = SignedJWT.parse(login.json().get("accessToken").asString());
        JWTClaimsSet expiredClaims = new JWTClaimsSet.Builder(valid.getJWTClaimsSet())
                .issueTime(Date.from(Instant.now().minusSeconds(3600))).expirationTime(Date.from(Instant.now().minusSeconds(60))).build();
        SignedJWT expired = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), expiredClaims);
        expired.sign(new MACSigner(key));
        TestApi.Response r = api.get("/api/v1/me", expired.serialize());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("token_expired");

        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), valid.getJWTClaimsSet());
        forged.sign(new MACSigner(new byte[32]));
        assertThat(api.get("/api/v1/me", forged.serialize()).code()).isEqualTo("invalid_token");
        assertThat(api.get("/api/v1/me", "not-a-token").code()).isEqualTo("invalid_token");
        assertThat(api.get("/api/v1/me", null).code()).isEqualTo("unauthenticated");
    }

    @Test
    void repeatedFailuresSlowDownThenLockWithoutRevealingTheUser() {
        var tenant = api.createTenant();
        api.post("/api/v1/tenants/" + tenant.slug() + "/users", api.adminToken(), Map.of(
                "username", "max", "password", "a very good password", "roles", List.of("VIEWER")));
        List<String> existing = attempts(tenant.slug(), "max", 10);
        List<String> missing = attempts(tenant.slug(), "nobody-" + UUID.randomUUID(), 10);
        // first failures are plain, then throttled, then locked: alike for a real and an unknown user
        for (List<String> codes : List.of(existing, missing)) {
            assertThat(codes.subList(0, 3)).containsOnly("invalid_credentials");
            assertThat(codes.get(3)).isEqualTo("too_many_attempts");
            assertThat(codes.getLast()).isEqualTo("account_locked");
            assertThat(codes).containsOnly("invalid_credentials", "too_many_attempts", "account_locked");
        }
        TestApi.Response locked = api.post("/api/v1/auth/login", null, Map.of("username", "max", "password", "a very good password",
                "tenant", tenant.slug()));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotNull();
    }

    private List<String> attempts(String tenant, String user, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> api.post("/api/v1/auth/login", null,
                Map.of("username", user, "password", "wrong password " + i, "tenant", tenant)).code()).toList();
    }

    @Test
    void usersChangeTheirOwnPassword() {
        var tenant = api.createTenant();
        api.post("/api/v1/tenants/" + tenant.slug() + "/users", api.adminToken(), Map.of(
                "username", "pat", "password", "first password 1", "roles", List.of("VIEWER")));
        String token = api.login("pat", "first password 1", tenant.slug());
        assertThat(api.put("/api/v1/me/password", token, Map.of("currentPassword", "wrong", "newPassword", "second password 2"))
                .status()).isEqualTo(400);
        assertThat(api.put("/api/v1/me/password", token, Map.of("currentPassword", "first password 1", "newPassword", "short"))
                .status()).isEqualTo(400);
        assertThat(api.put("/api/v1/me/password", token, Map.of("currentPassword", "first password 1",
                "newPassword", "second password 2")).status()).isEqualTo(204);
        assertThat(api.login("pat", "second password 2", tenant.slug())).isNotBlank();
    }

    @Test
    void apiKeysAuthenticateUntilRevokedAndShowTheSecretOnce() {
        var tenant = api.createTenant();
        String tenantAdmin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        TestApi.Response created = api.post("/api/v1/tenants/" + tenant.slug() + "/api-keys", tenantAdmin,
                Map.of("name", "CMS-Import", "roles", List.of("EDITOR")));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().get("secret").asString();
        assertThat(secret).startsWith("wattos_");
        String id = created.json().get("id").asString();
        assertThat(api.get("/api/v1/tenants/" + tenant.slug() + "/api-keys/" + id, tenantAdmin).body()).doesNotContain(secret)
                .contains("\"secret\":null");
        TestApi.Response me = api.get("/api/v1/me", secret);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("authenticatedBy").asString()).isEqualTo("api_key");
        assertThat(api.get("/api/v1/tenants/" + tenant.slug() + "/api-keys/" + id, tenantAdmin).json().get("lastUsedAt").isNull()).isFalse();
        assertThat(api.delete("/api/v1/tenants/" + tenant.slug() + "/api-keys/" + id, tenantAdmin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", secret).code()).isEqualTo("invalid_api_key");
    }

    @Test
    void deletedTenantIsUnreachableAtOnce() {
        var tenant = api.createTenant();
        String user = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        String key = api.apiKey(tenant.slug(), Role.VIEWER);
        assertThat(api.get("/api/v1/tenants/" + tenant.slug(), user).status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/tenants/" + tenant.slug(), api.adminToken()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/tenants/" + tenant.slug(), api.adminToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tenants/" + tenant.id(), api.adminToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/me", user).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", key).status()).isEqualTo(401);
        // the slug is free again
        assertThat(api.post("/api/v1/tenants", api.adminToken(), Map.of("slug", tenant.slug(), "name", "Neu")).status()).isEqualTo(201);
    }
}
