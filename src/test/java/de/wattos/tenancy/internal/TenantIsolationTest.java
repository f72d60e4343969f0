package de.wattos.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tenant A's users and API keys attack tenant B: every tenant-B endpoint of the foundation answers 404 (the same
 * as a tenant that does not exist), and roles are enforced inside the own tenant.
 */
@IntegrationTest
class TenantIsolationTest {

    @LocalServerPort
    int port;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void everyEndpointOfAnotherTenantAnswers404() {
        var a = api.createTenant();
        var b = api.createTenant();
        String bAdmin = api.userToken(b.slug(), Role.TENANT_ADMIN);
        String bUser = api.get("/api/v1/tenants/" + b.slug() + "/users", bAdmin).json().get("items").get(0).get("id").asString();
        String bKey = api.post("/api/v1/tenants/" + b.slug() + "/api-keys", bAdmin, Map.of("name", "k", "roles", List.of("VIEWER")))
                .json().get("id").asString();

        List<String> attackers = List.of(api.userToken(a.slug(), Role.TENANT_ADMIN), api.apiKey(a.slug(), Role.TENANT_ADMIN));
        for (String attacker : attackers) {
            for (String seg : List.of(b.slug(), b.id().toString())) {
                String base = "/api/v1/tenants/" + seg;
                assertThat(api.get(base, attacker).status()).as("GET tenant").isEqualTo(404);
                assertThat(api.put(base, attacker, Map.of("slug", b.slug(), "name", "x")).status()).isEqualTo(404);
                assertThat(api.delete(base, attacker).status()).isEqualTo(404);
                assertThat(api.get(base + "/users", attacker).status()).isEqualTo(404);
                assertThat(api.get(base + "/users/" + bUser, attacker).status()).isEqualTo(404);
                assertThat(api.post(base + "/users", attacker, Map.of("username", "evil", "password", "evil password 123",
                        "roles", List.of("TENANT_ADMIN"))).status()).isEqualTo(404);
                assertThat(api.put(base + "/users/" + bUser, attacker, Map.of("username", "x", "roles", List.of("VIEWER"))).status())
                        .isEqualTo(404);
                assertThat(api.delete(base + "/users/" + bUser, attacker).status()).isEqualTo(404);
                assertThat(api.get(base + "/api-keys", attacker).status()).isEqualTo(404);
                assertThat(api.get(base + "/api-keys/" + bKey, attacker).status()).isEqualTo(404);
                assertThat(api.post(base + "/api-keys", attacker, Map.of("name", "x", "roles", List.of("VIEWER"))).status()).isEqualTo(404);
                assertThat(api.delete(base + "/api-keys/" + bKey, attacker).status()).isEqualTo(404);
                assertThat(api.get(base + "/audit", attacker).status()).isEqualTo(404);
                // unknown sub-resources of a foreign tenant are not told apart either
                assertThat(api.get(base + "/anything/else", attacker).status()).isEqualTo(404);
            }
            // and the attacker's own tenant still works with the same credential
            assertThat(api.get("/api/v1/tenants/" + a.slug() + "/users", attacker).status()).isEqualTo(200);
            // B's ids inside A's tenant path are simply not found
            assertThat(api.get("/api/v1/tenants/" + a.slug() + "/users/" + bUser, attacker).status()).isEqualTo(404);
            assertThat(api.delete("/api/v1/tenants/" + a.slug() + "/api-keys/" + bKey, attacker).status()).isEqualTo(404);
            // platform endpoints
            assertThat(api.post("/api/v1/tenants", attacker, Map.of("slug", "x-evil", "name", "x")).status()).isEqualTo(403);
            assertThat(api.get("/api/v1/audit/verify", attacker).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/tenants", attacker).json().get("total").asInt()).isEqualTo(1);
        }
        // B is intact
        assertThat(api.get("/api/v1/tenants/" + b.slug() + "/users/" + bUser, bAdmin).status()).isEqualTo(200);
    }

    /** The permission matrix of README.md, checked row by row. */
    @Test
    void rolesAreEnforcedWithinTheTenant() {
        var t = api.createTenant();
        String base = "/api/v1/tenants/" + t.slug();
        String viewer = api.userToken(t.slug(), Role.VIEWER);
        String editor = api.userToken(t.slug(), Role.EDITOR);
        String admin = api.userToken(t.slug(), Role.TENANT_ADMIN);
        Map<String, Object> newUser = Map.of("username", "u" + System.nanoTime(), "password", "long enough password",
                "roles", List.of("VIEWER"));

        // read own tenant: everyone
        for (String token : List.of(viewer, editor, admin)) {
            assertThat(api.get(base, token).status()).isEqualTo(200);
        }
        // users and API keys: TENANT_ADMIN only
        assertThat(api.get(base + "/users", viewer).status()).isEqualTo(403);
        assertThat(api.get(base + "/users", editor).status()).isEqualTo(403);
        assertThat(api.post(base + "/users", editor, newUser).status()).isEqualTo(403);
        assertThat(api.post(base + "/users", viewer, newUser).code()).isEqualTo("forbidden");
        assertThat(api.post(base + "/users", admin, newUser).status()).isEqualTo(201);
        assertThat(api.post(base + "/api-keys", editor, Map.of("name", "k", "roles", List.of("VIEWER"))).status()).isEqualTo(403);
        assertThat(api.get(base + "/audit", editor).status()).isEqualTo(403);
        assertThat(api.get(base + "/audit", admin).status()).isEqualTo(200);
        // tenant changes: platform admin only
        assertThat(api.put(base, admin, Map.of("slug", t.slug(), "name", "x")).status()).isEqualTo(403);
        assertThat(api.delete(base, admin).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/tenants", admin, Map.of("slug", "x-" + System.nanoTime(), "name", "x")).status()).isEqualTo(403);
        // a tenant admin cannot mint platform admins
        assertThat(api.post(base + "/users", admin, Map.of("username", "boss", "password", "long enough password",
                "roles", List.of("PLATFORM_ADMIN"))).status()).isEqualTo(400);
        // a VIEWER API key cannot write
        String viewerKey = api.apiKey(t.slug(), Role.VIEWER);
        assertThat(api.post(base + "/users", viewerKey, newUser).status()).isEqualTo(403);
    }
}
