package de.wattos.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.TestApi;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The bad-input cases of the outside test run, one by one, each a precise 4xx problem (they were 500s or silently coerced). */
@IntegrationTest
class StrictInputTest {

    @LocalServerPort
    int port;
    TestApi api;
    String admin;
    String base;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        admin = api.adminToken();
        base = "/api/v1/tenants/" + api.createTenant().slug();
    }

    private TestApi.Response json(String method, String path, String contentType, String body) {
        return api.raw(method, path, admin, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertProblem(TestApi.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.code()).as(r.body()).isEqualTo(code);
    }

    @Test
    void nulInJsonStringsMapKeysAndQueryParametersIs400() {
        assertProblem(json("POST", base + "/spaces", "application/json", "{\"name\": \"Raum\\u0000eins\"}"), 400, "nul_character");
        assertProblem(json("POST", base + "/search", "application/json",
                "{\"query\": \"Hund\", \"filters\": {\"ty\\u0000pe\": \"pdf\"}}"), 400, "nul_character");
        assertProblem(api.get(base + "/audit?actor=a%00b", admin), 400, "nul_character");
        // an escaped backslash followed by "u0000" is ordinary text
        TestApi.Response literal = json("POST", base + "/spaces", "application/json", "{\"name\": \"C:\\\\u0000dir\"}");
        assertThat(literal.status()).as(literal.body()).isEqualTo(201);
        assertThat(literal.json().get("name").asString()).isEqualTo("C:\\u0000dir");
    }

    @Test
    void wildcardContentTypesAre415EvenWithoutLogin() {
        assertProblem(json("POST", "/api/v1/auth/login", "*/*", "{\"username\": \"a\", \"password\": \"b\"}"), 415,
                "unsupported_media_type");
        assertProblem(json("POST", "/api/v1/auth/refresh", "application/*", "{\"refreshToken\": \"x\"}"), 415,
                "unsupported_media_type");
        assertProblem(json("POST", "/api/v1/public/widgets/wk_x/messages", "*/*", "{}"), 415, "unsupported_media_type");
        assertProblem(json("POST", base + "/spaces", "*/*; charset=utf-8", "{\"name\": \"x\"}"), 415, "unsupported_media_type");
    }

    @Test
    void nullInsideListsAndMapsNamesTheField() {
        TestApi.Response list = json("POST", base + "/search", "application/json", "{\"query\": \"Hund\", \"spaceIds\": [null]}");
        assertProblem(list, 400, "validation_failed");
        assertThat(list.json().get("errors").get(0).get("field").asString()).isEqualTo("spaceIds[0]");
        TestApi.Response map = json("POST", base + "/search", "application/json", "{\"query\": \"Hund\", \"filters\": {\"type\": null}}");
        assertProblem(map, 400, "validation_failed");
        assertThat(map.json().get("errors").get(0).get("field").asString()).isEqualTo("filters.type");
    }

    @Test
    void wrongJsonTypesAreRefusedNotCoerced() {
        TestApi.Response name = json("POST", base + "/spaces", "application/json", "{\"name\": 123}");
        assertProblem(name, 400, "invalid_type");
        assertThat(name.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertProblem(json("PUT", base + "/llm/budget", "application/json", "{\"extractiveFallback\": 123}"), 400, "invalid_type");
        assertProblem(json("PUT", base + "/llm/budget", "application/json", "{\"monthlyTokens\": \"5\"}"), 400, "invalid_type");
        assertProblem(json("POST", base + "/spaces", "application/json", "{\"name\": \"ok\"} trailing"), 400, "malformed_body");
    }

    @Test
    void absurdPagesAndDatesAre400() {
        assertProblem(api.get("/api/v1/tenants?page=2147483647", admin), 400, "validation_failed");
        assertProblem(api.get(base + "/audit?page=2147483647&size=200", admin), 400, "validation_failed");
        assertProblem(api.get(base + "/audit?from=-999999999-01-01T00:00:00Z", admin), 400, "invalid_parameter");
        assertProblem(api.get(base + "/audit?to=%2B999999999-12-31T23:59:59Z", admin), 400, "invalid_parameter");
        assertThat(api.get(base + "/audit?from=2026-01-01T00:00:00Z", admin).status()).isEqualTo(200);
    }
}
