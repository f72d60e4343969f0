package de.wattos.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.TestApi;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad input on the foundation's endpoint families gets a precise problem+json, never a 500. */
@IntegrationTest
class BadInputTest {

    @LocalServerPort
    int port;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    private void assertProblem(TestApi.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.code()).as(r.body()).isEqualTo(code);
    }

    @Test
    void malformedJsonUnknownFieldsWrongTypes() {
        String admin = api.adminToken();
        assertProblem(api.post("/api/v1/tenants", admin, "{\"slug\": \"abc\", "), 400, "malformed_body");
        assertProblem(api.post("/api/v1/tenants", admin, "{\"slug\": \"abc-x\", \"name\": \"A\", \"colour\": 1}"), 400, "unknown_field");
        TestApi.Response wrongType = api.post("/api/v1/tenants", admin, "{\"slug\": \"abc-y\", \"name\": \"A\", \"settings\": [1,2]}");
        assertProblem(wrongType, 400, "invalid_type");
        assertThat(wrongType.json().get("errors").get(0).get("field").asString()).isEqualTo("settings");
        assertProblem(api.post("/api/v1/auth/login", null, "{\"username\": 5, \"password\": {}}"), 400, "invalid_type");
        assertProblem(api.raw("POST", "/api/v1/tenants", admin, "application/json", null), 400, "malformed_body");
        TestApi.Response missing = api.post("/api/v1/tenants", admin, Map.of("slug", "-Bad_Slug"));
        assertProblem(missing, 400, "validation_failed");
        assertThat(missing.json().get("errors").toString()).contains("slug").contains("name");
        assertProblem(api.post("/api/v1/tenants", admin, Map.of("slug", "okay-slug", "name", "A", "timeZone", "Mars/Base")),
                400, "validation_failed");
    }

    @Test
    void oversizedUnsupportedAndWrongMethod() {
        String admin = api.adminToken();
        byte[] huge = ("{\"slug\":\"x\",\"name\":\"" + "a".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertProblem(api.raw("POST", "/api/v1/tenants", admin, "application/json", huge), 413, "payload_too_large");
        assertProblem(api.raw("POST", "/api/v1/tenants", admin, "text/plain", "slug=x".getBytes()), 415, "unsupported_media_type");
        assertProblem(api.raw("PATCH", "/api/v1/tenants", admin, "application/json", "{}".getBytes()), 405, "method_not_allowed");
        assertProblem(api.get("/api/v1/tenants?page=-1", admin), 400, "validation_failed");
        assertProblem(api.get("/api/v1/tenants?size=abc", admin), 400, "invalid_parameter");
    }

    @Test
    void conflictsNotFoundAndAuth() {
        String admin = api.adminToken();
        var t = api.createTenant();
        assertProblem(api.post("/api/v1/tenants", admin, Map.of("slug", t.slug(), "name", "again")), 409, "slug_taken");
        api.post("/api/v1/tenants/" + t.slug() + "/users", admin, Map.of("username", "anna", "password", "long enough password",
                "roles", List.of("VIEWER")));
        assertProblem(api.post("/api/v1/tenants/" + t.slug() + "/users", admin, Map.of("username", "ANNA", "password",
                "long enough password", "roles", List.of("VIEWER"))), 409, "user_exists");
        assertProblem(api.post("/api/v1/tenants/" + t.slug() + "/users", admin, Map.of("username", "bert", "password", "short",
                "roles", List.of("VIEWER"))), 400, "validation_failed");
        assertProblem(api.post("/api/v1/tenants/" + t.slug() + "/users", admin, Map.of("username", "bert", "password",
                "long enough password", "roles", List.of("KING"))), 400, "invalid_type");
        assertProblem(api.get("/api/v1/tenants/" + t.slug() + "/users/not-a-uuid", admin), 400, "invalid_parameter");
        assertProblem(api.get("/api/v1/tenants/" + t.slug() + "/users/00000000-0000-7000-8000-000000000000", admin), 404, "not_found");
        assertProblem(api.get("/api/v1/tenants/no-such-tenant", admin), 404, "not_found");
        assertProblem(api.get("/api/v1/no-such-endpoint", admin), 404, "not_found");
        assertProblem(api.get("/api/v1/tenants", null), 401, "unauthenticated");
        assertProblem(api.get("/api/v1/tenants", "wattos_nope_nope"), 401, "invalid_api_key");
        assertProblem(api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", "wrong")), 401, "invalid_credentials");
        assertProblem(api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", "wrt_nonsense")), 401, "invalid_refresh_token");
    }
}
