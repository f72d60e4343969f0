package de.wattos.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.TestApi;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Password guessing is counted per account (however it is named, wherever it is tried) and leaves no secrets in the audit log. */
@IntegrationTest
class AccountProtectionTest {

    @LocalServerPort
    int port;
    TestApi api;
    TestApi.Tenant tenant;
    String email;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        tenant = api.createTenant();
        email = "erika-" + UUID.randomUUID() + "@gemeinde.example";
        TestApi.Response created = api.post("/api/v1/tenants/" + tenant.slug() + "/users", api.adminToken(), Map.of(
                "username", "erika", "email", email, "password", "correct horse battery", "roles", List.of("EDITOR")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private TestApi.Response login(String username, String password, String tenantSlug) {
        return api.post("/api/v1/auth/login", null, tenantSlug == null ? Map.of("username", username, "password", password)
                : Map.of("username", username, "password", password, "tenant", tenantSlug));
    }

    @Test
    void theLockHoldsForEveryNameOfTheAccount() {
        for (int i = 0; i < 10; i++) {
            login("erika", "wrong password " + i, tenant.slug());
        }
        assertThat(login("erika", "correct horse battery", tenant.slug()).code()).isEqualTo("account_locked");
        assertThat(login(email, "correct horse battery", tenant.slug()).code()).isEqualTo("account_locked");
        assertThat(login(email, "correct horse battery", null).code()).isEqualTo("account_locked");
    }

    @Test
    void failuresUnderDifferentNamesAddUp() {
        for (int i = 0; i < 4; i++) {
            login("erika", "wrong password " + i, tenant.slug());
            login(email, "wrong password " + i, tenant.slug());
            login(email, "wrong password " + i, null);
        }
        assertThat(login(email, "correct horse battery", null).status()).isEqualTo(429);
    }

    @Test
    void theCurrentPasswordCannotBeGuessedThroughThePasswordChange() {
        String token = api.login("erika", "correct horse battery", tenant.slug());
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 15; i++) {
            statuses.add(api.put("/api/v1/me/password", token, Map.of("currentPassword", "guess number " + i,
                    "newPassword", "a new password 42")).status());
        }
        assertThat(statuses).contains(429);
        TestApi.Response right = api.put("/api/v1/me/password", token, Map.of("currentPassword", "correct horse battery",
                "newPassword", "a new password 42"));
        assertThat(right.status()).as("the right password after 15 guesses stays refused").isEqualTo(429);
        assertThat(login("erika", "correct horse battery", tenant.slug()).code()).isEqualTo("account_locked");
    }

    @Test
    void changingTheOwnPasswordEndsTheOtherSessions() {
        String laptop = api.login("erika", "correct horse battery", tenant.slug());
        TestApi.Response phone = login("erika", "correct horse battery", tenant.slug());
        String phoneToken = phone.json().get("accessToken").asString();
        String phoneRefresh = phone.json().get("refreshToken").asString();
        assertThat(api.put("/api/v1/me/password", laptop, Map.of("currentPassword", "correct horse battery",
                "newPassword", "a new password 42")).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", laptop).status()).as("the session that changed it stays").isEqualTo(200);
        assertThat(api.get("/api/v1/me", phoneToken).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", phoneRefresh)).status()).isEqualTo(401);
    }

    @Test
    void passwordsBeyondBcryptsLimitAreRefusedClearly() {
        String admin = api.adminToken();
        for (String password : List.of("A".repeat(100), "🔑".repeat(30))) {
            TestApi.Response r = api.post("/api/v1/tenants/" + tenant.slug() + "/users", admin, Map.of(
                    "username", "long-" + UUID.randomUUID().toString().substring(0, 8), "password", password,
                    "roles", List.of("VIEWER")));
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
            assertThat(r.json().get("errors").get(0).get("message").asString()).contains("72 Bytes");
            assertThat(login("erika", password, tenant.slug()).status()).isEqualTo(401);
        }
        String token = api.login("erika", "correct horse battery", tenant.slug());
        assertThat(api.put("/api/v1/me/password", token, Map.of("currentPassword", "correct horse battery",
                "newPassword", "ä".repeat(40))).status()).isEqualTo(400);
        assertThat(api.put("/api/v1/me/password", token, Map.of("currentPassword", "correct horse battery",
                "newPassword", "ä".repeat(36))).status()).isEqualTo(204);
    }

    @Test
    void unknownNamesReachTheAuditLogOnlyAsPseudonymsAndTheClientAddressComesFromTrustedProxies() {
        String typed = "MySecretPassw0rd-" + UUID.randomUUID();
        HttpRequest.Builder b = api.builder("/api/v1/auth/login", null).header("Content-Type", "application/json")
                .header("X-Forwarded-For", "198.51.100.23, 127.0.0.1");
        api.send(b.POST(HttpRequest.BodyPublishers.ofString(TestApi.JSON.writeValueAsString(
                Map.of("username", typed, "password", "whatever-123")))));
        JsonNode entries = api.get("/api/v1/audit?action=auth.login&size=200", api.adminToken()).json().get("items");
        assertThat(entries.toString()).doesNotContain(typed).doesNotContain(typed.toLowerCase());
        JsonNode mine = null;
        for (JsonNode e : entries) {
            if ("198.51.100.23".equals(e.get("clientIp").asString(null))) {
                mine = e;
            }
        }
        assertThat(mine).as("the entry carries the client address forwarded by the trusted proxy").isNotNull();
        assertThat(mine.get("actor").get("name").asString()).startsWith("unknown#");
    }
}
