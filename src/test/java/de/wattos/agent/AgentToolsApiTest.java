package de.wattos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A tenant sets up its tools: the service catalogue behind {@code service_link}, opening hours behind
 * {@code current_time}, and an {@code http_request} tool against an outside API (a loopback server here) with a
 * stored secret that never comes back out.
 */
@IntegrationTest
class AgentToolsApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    TestApi api;
    TestApi.Tenant tenant;
    String admin;
    String base;
    HttpServer outside;
    final Map<String, String> seenHeaders = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        api = new TestApi(port);
        tenant = api.createTenant();
        admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        base = "/api/v1/tenants/" + tenant.slug() + "/agent-runtime";
        outside = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        outside.createContext("/status", ex -> {
            seenHeaders.put("authorization", String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            seenHeaders.put("query", String.valueOf(ex.getRequestURI().getRawQuery()));
            respond(ex, 200, "{\"data\":{\"state\":\"in Bearbeitung\",\"eta\":\"2026-12-10\"},\"internal\":\"x\"}");
        });
        outside.createContext("/garbage", ex -> respond(ex, 200, "<html>not json"));
        outside.createContext("/big", ex -> respond(ex, 200, "{\"a\":\"" + "x".repeat(5000) + "\"}"));
        outside.createContext("/slow", ex -> {
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, "{}");
        });
        outside.createContext("/redirect-out", ex -> {
            ex.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        outside.createContext("/redirect-in", ex -> {
            ex.getResponseHeaders().add("Location", "/status?case=redirected");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        outside.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        outside.start();
    }

    @AfterEach
    void tearDown() {
        outside.stop(0);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private String outsideUrl(String path) {
        return "http://127.0.0.1:" + outside.getAddress().getPort() + path;
    }

    private Map<String, Object> httpTool(String name, String path, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of("method", "GET", "url", outsideUrl(path) + "?case={{caseId}}",
                "headers", Map.of("Authorization", "Bearer {{secret.token}}"),
                "responseMapping", Map.of("state", "/data/state", "eta", "/data/eta"),
                "allowedHosts", List.of("127.0.0.1"), "timeoutMs", 10_000, "maxBytes", 2000,
                "parameters", Map.of("type", "object", "properties", Map.of("caseId", Map.of("type", "string", "maxLength", 20)),
                        "required", List.of("caseId"))));
        config.putAll(extra);
        return Map.of("name", name, "type", "http_request", "description", "Bearbeitungsstand eines Antrags",
                "config", config, "secrets", Map.of("token", "s3cr3t-token-4711"));
    }

    private TestApi.Response invoke(String tool, Map<String, Object> arguments) {
        return api.post(base + "/tools/" + tool + "/invoke", admin, Map.of("arguments", arguments));
    }

    @Test
    void httpRequestToolCallsTheOutsideApiWithItsSecretAndMapsTheAnswer() {
        TestApi.Response created = api.post(base + "/tools", admin, httpTool("antrag_status", "/status", Map.of()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("s3cr3t-token-4711").doesNotContain("s3cr3t").contains("••••");

        TestApi.Response result = invoke("antrag_status", Map.of("caseId", "A 17/26"));
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        assertThat(result.json().get("outcome").asString()).isEqualTo("ok");
        assertThat(result.json().get("content").asString()).contains("in Bearbeitung").contains("2026-12-10").doesNotContain("internal");
        assertThat(seenHeaders.get("authorization")).isEqualTo("Bearer s3cr3t-token-4711");
        assertThat(seenHeaders.get("query")).isEqualTo("case=A%2017%2F26");

        // the stored form is sealed, not plain
        String stored = jdbc.sql("select secrets from agent_tools where name = 'antrag_status' and tenant_id = :t")
                .param("t", tenant.id()).query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain("s3cr3t");
        assertThat(api.get(base + "/tools", admin).body()).doesNotContain("s3cr3t-token-4711");
    }

    @Test
    void httpRequestToolRefusesRedirectsOffItsAllowlistAndFollowsAllowedOnes() {
        api.post(base + "/tools", admin, httpTool("out", "/redirect-out", Map.of()));
        TestApi.Response refused = invoke("out", Map.of("caseId", "1"));
        assertThat(refused.json().get("outcome").asString()).isEqualTo("error");
        assertThat(refused.json().get("errorCode").asString()).isEqualTo("host_not_allowed");

        api.post(base + "/tools", admin, httpTool("within", "/redirect-in", Map.of()));
        TestApi.Response followed = invoke("within", Map.of("caseId", "1"));
        assertThat(followed.json().get("outcome").asString()).as(followed.body()).isEqualTo("ok");
        assertThat(seenHeaders.get("query")).isEqualTo("case=redirected");
    }

    @Test
    void garbageTimeoutsAndOversizedAnswersBecomeErrorsTheModelCanRead() {
        api.post(base + "/tools", admin, httpTool("garbage", "/garbage", Map.of()));
        api.post(base + "/tools", admin, httpTool("slow", "/slow", Map.of("timeoutMs", 500)));
        api.post(base + "/tools", admin, httpTool("big", "/big", Map.of()));
        assertThat(invoke("garbage", Map.of("caseId", "1")).json().get("errorCode").asString()).isEqualTo("invalid_response");
        assertThat(invoke("slow", Map.of("caseId", "1")).json().get("errorCode").asString()).isEqualTo("timeout");
        assertThat(invoke("big", Map.of("caseId", "1")).json().get("errorCode").asString()).isEqualTo("response_too_large");

        TestApi.Response invalid = invoke("garbage", Map.of("caseId", 17));
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.json().get("outcome").asString()).isEqualTo("invalid_arguments");
        assertThat(invalid.json().get("content").asString()).contains("arguments.caseId must be a string");
    }

    @Test
    void badToolDefinitionsAreRefusedWithProblems() {
        assertThat(api.post(base + "/tools", admin, httpTool("x_not_allowed", "/status",
                Map.of("allowedHosts", List.of("example.org")))).code()).isEqualTo("validation_failed");
        assertThat(api.post(base + "/tools", admin, httpTool("x_secret_in_url", "/status",
                Map.of("url", outsideUrl("/status") + "?k={{secret.token}}"))).code()).isEqualTo("validation_failed");
        assertThat(api.post(base + "/tools", admin, Map.of("name", "knowledge_search", "type", "http_request",
                "description", "x", "config", Map.of())).code()).isEqualTo("validation_failed");
        assertThat(api.post(base + "/tools", admin, Map.of("name", "abc", "type", "no_such_type", "description", "x")).code())
                .isEqualTo("validation_failed");
        assertThat(api.post(base + "/tools", admin, httpTool("dup", "/status", Map.of())).status()).isEqualTo(201);
        assertThat(api.post(base + "/tools", admin, httpTool("dup", "/status", Map.of())).status()).isEqualTo(409);
        assertThat(invoke("no_such_tool", Map.of()).status()).isEqualTo(404);
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        assertThat(api.post(base + "/tools", editor, httpTool("by_editor", "/status", Map.of())).status()).isEqualTo(403);
    }

    @Test
    void serviceLinkFindsTheRightServiceFromTheCatalogue() {
        TestApi.Response dog = api.post(base + "/services", admin, Map.of("name", "Hundesteuer – Anmeldung eines Hundes",
                "description", "Hund zur Hundesteuer anmelden", "kind", "form", "url", "https://www.example.de/hund",
                "office", "Steueramt", "fees", "keine", "documents", List.of("Personalausweis"), "keywords", List.of("Hund", "Hundemarke")));
        assertThat(dog.status()).as(dog.body()).isEqualTo(201);
        api.post(base + "/services", admin, Map.of("name", "Personalausweis beantragen", "kind", "appointment",
                "url", "https://www.example.de/termin", "keywords", List.of("Ausweis", "Termin")));
        api.post(base + "/services", admin, Map.of("name", "Wohnsitz ummelden", "kind", "online_service",
                "url", "https://www.example.de/ummelden", "keywords", List.of("Umzug", "Meldebescheinigung")));

        TestApi.Response found = api.get(base + "/services/search?q=" + java.net.URLEncoder.encode("Ich habe einen neuen Hund", StandardCharsets.UTF_8), admin);
        assertThat(found.json().get("items").get(0).get("entry").get("name").asString()).startsWith("Hundesteuer");

        TestApi.Response viaTool = invoke("service_link", Map.of("query", "Umzug nach Ingolstadt"));
        assertThat(viaTool.json().get("content").asString()).contains("https://www.example.de/ummelden");
        assertThat(viaTool.json().get("sources").get(0).get("url").asString()).isEqualTo("https://www.example.de/ummelden");

        assertThat(api.post(base + "/services", admin, Map.of("name", "x", "kind", "fax")).code()).isEqualTo("validation_failed");
        assertThat(api.post(base + "/services", admin, Map.of("name", "x", "url", "javascript:alert(1)")).code()).isEqualTo("validation_failed");
        String id = dog.json().get("id").asString();
        assertThat(api.delete(base + "/services/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get(base + "/services/" + id, admin).status()).isEqualTo(404);
    }

    @Test
    void currentTimeKnowsTheOpeningHoursOfTheTenantProfile() {
        api.put("/api/v1/tenants/" + tenant.slug() + "/settings", admin,
                Map.of("contact", Map.of("hours", "Mo–Fr 8–12 Uhr, Do 14–18 Uhr", "phone", "0841 305-0")));
        TestApi.Response now = invoke("current_time", Map.of());
        assertThat(now.json().get("outcome").asString()).isEqualTo("ok");
        assertThat(now.json().get("content").asString()).contains("Mo–Fr 8–12 Uhr").contains("Europe/Berlin").contains("weekday");
    }

    @Test
    void anotherTenantSeesNoneOfIt() {
        TestApi.Response created = api.post(base + "/tools", admin, httpTool("mine", "/status", Map.of()));
        TestApi.Tenant other = api.createTenant();
        String otherAdmin = api.userToken(other.slug(), Role.TENANT_ADMIN);
        assertThat(api.get(base + "/tools/" + created.json().get("id").asString(), otherAdmin).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/tenants/" + other.slug() + "/agent-runtime/tools/mine/invoke", otherAdmin,
                Map.of("arguments", Map.of("caseId", "1"))).status()).isEqualTo(404);
    }
}
