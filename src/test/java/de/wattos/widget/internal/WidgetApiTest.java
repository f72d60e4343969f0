package de.wattos.widget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Widget administration over the real REST API: CRUD, validation, roles, tenant isolation, embed code, audit. */
@IntegrationTest
class WidgetApiTest {

    @LocalServerPort
    int port;

    TestApi api;
    TestApi.Tenant tenant;
    String editor;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        tenant = api.createTenant();
        editor = api.userToken(tenant.slug(), Role.EDITOR);
    }

    static Map<String, Object> fullWidget() {
        return Map.ofEntries(Map.entry("name", "Bürgerservice"), Map.entry("spaceIds", List.of()),
                Map.entry("allowedOrigins", List.of("https://www.gemeinde.example", "http://127.0.0.1:5173")),
                Map.entry("mode", "launcher"), Map.entry("position", "bottom-left"), Map.entry("size", "large"),
                Map.entry("theme", Map.of("primaryColor", "#005A9C", "backgroundColor", "#ffffff", "textColor", "#111",
                        "fontFamily", "Arial, sans-serif", "radius", 8, "colorScheme", "light")),
                Map.entry("assistantName", "Lotta"), Map.entry("avatarUrl", "https://www.gemeinde.example/lotta.png"),
                Map.entry("greeting", "Moin! Was kann ich für Sie tun?"),
                Map.entry("suggestedQuestions", List.of("Wie melde ich mich um?", "Wann hat das Bürgerbüro geöffnet?")),
                Map.entry("locale", "de"), Map.entry("privacyUrl", "https://www.gemeinde.example/datenschutz"),
                Map.entry("disclosureText", "Sie schreiben mit einer KI."), Map.entry("status", "active"),
                Map.entry("limits", Map.of("messagesPerVisitorPerHour", 20, "messagesPerIpPerHour", 100, "dailyTokenBudget", 50000)));
    }

    @Test
    void createsReadsUpdatesAndDeletesAWidget() {
        String base = "/api/v1/tenants/" + tenant.slug() + "/widgets";
        TestApi.Response created = api.post(base, editor, fullWidget());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode w = created.json();
        String id = w.get("id").asString();
        assertThat(w.get("publicKey").asString()).startsWith("wk_");
        assertThat(w.get("theme").get("primaryColor").asString()).isEqualTo("#005a9c");
        assertThat(w.get("theme").get("textColor").asString()).isEqualTo("#111111");
        assertThat(w.get("position").asString()).isEqualTo("bottom-left");
        assertThat(w.get("limits").get("dailyTokenBudget").asLong()).isEqualTo(50000);

        assertThat(api.get(base, editor).json().get("items")).hasSize(1);
        assertThat(api.get(base + "/" + id, editor).json().get("assistantName").asString()).isEqualTo("Lotta");

        Map<String, Object> changed = new java.util.HashMap<>(fullWidget());
        changed.put("status", "paused");
        changed.put("name", "Rathaus");
        TestApi.Response updated = api.put(base + "/" + id, editor, changed);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("status").asString()).isEqualTo("paused");
        assertThat(updated.json().get("publicKey").asString()).isEqualTo(w.get("publicKey").asString());

        TestApi.Response embed = api.get(base + "/" + id + "/embed-code", editor);
        assertThat(embed.status()).isEqualTo(200);
        assertThat(embed.json().get("script").asString()).isEqualTo("<script src=\"http://localhost:" + port
                + "/widget.js\" data-wattos-widget=\"" + w.get("publicKey").asString() + "\" async></script>");
        assertThat(embed.json().get("iframe").asString()).contains("src=\"http://localhost:" + port + "/w/"
                + w.get("publicKey").asString() + "\"").contains("title=\"Chat: Lotta\"");

        TestApi.Response audit = api.get("/api/v1/tenants/" + tenant.slug() + "/audit?action=widget.updated", api.adminToken());
        assertThat(audit.body()).contains("widget.updated").contains(id);

        assertThat(api.delete(base + "/" + id, editor).status()).isEqualTo(204);
        assertThat(api.get(base + "/" + id, editor).status()).isEqualTo(404);
    }

    @Test
    void refusesBadInputWithFieldErrors() {
        Map<String, Object> bad = new java.util.HashMap<>(fullWidget());
        bad.put("allowedOrigins", List.of("https://ok.example", "https://bad.example/path", "*"));
        bad.put("theme", Map.of("primaryColor", "blue", "textColor", "#eeeeee"));
        bad.put("privacyUrl", "javascript:alert(1)");
        bad.put("mode", "popup");
        bad.put("spaceIds", List.of(java.util.UUID.randomUUID().toString()));
        TestApi.Response r = api.post("/api/v1/tenants/" + tenant.slug() + "/widgets", editor, bad);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("validation_failed");
        assertThat(r.body()).contains("allowedOrigins[1]", "allowedOrigins[2]", "theme.primaryColor", "theme.textColor",
                "privacyUrl", "mode", "spaceIds[0]");
        assertThat(api.post("/api/v1/tenants/" + tenant.slug() + "/widgets", editor, "{\"name\":\"x\",\"bogus\":1}").status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/tenants/" + tenant.slug() + "/widgets", editor, "{\"name\":").status()).isEqualTo(400);
    }

    @Test
    void viewersReadOnlyAndOtherTenantsSeeNothing() {
        String base = "/api/v1/tenants/" + tenant.slug() + "/widgets";
        String id = api.post(base, editor, fullWidget()).json().get("id").asString();
        String viewer = api.userToken(tenant.slug(), Role.VIEWER);
        assertThat(api.get(base + "/" + id, viewer).status()).isEqualTo(200);
        assertThat(api.post(base, viewer, fullWidget()).status()).isEqualTo(403);

        TestApi.Tenant other = api.createTenant();
        String stranger = api.userToken(other.slug(), Role.TENANT_ADMIN);
        assertThat(api.get("/api/v1/tenants/" + other.slug() + "/widgets/" + id, stranger).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/tenants/" + other.slug() + "/widgets/" + id, stranger).status()).isEqualTo(404);
        assertThat(api.get(base + "/" + id, stranger).status()).isEqualTo(404);
        assertThat(api.get(base + "/" + id, viewer).status()).isEqualTo(200);
    }

    @Test
    void spacesMustBelongToTheTenant() {
        String own = api.post("/api/v1/tenants/" + tenant.slug() + "/spaces", editor, Map.of("name", "Website")).json()
                .get("id").asString();
        Map<String, Object> body = new java.util.HashMap<>(fullWidget());
        body.put("spaceIds", List.of(own));
        TestApi.Response ok = api.post("/api/v1/tenants/" + tenant.slug() + "/widgets", editor, body);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(ok.json().get("spaceIds").get(0).asString()).isEqualTo(own);

        TestApi.Tenant other = api.createTenant();
        String otherEditor = api.userToken(other.slug(), Role.EDITOR);
        TestApi.Response foreign = api.post("/api/v1/tenants/" + other.slug() + "/widgets", otherEditor, body);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body()).contains("spaceIds[0]");
    }
}
