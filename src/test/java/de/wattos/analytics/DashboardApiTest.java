package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Dashboards per tenant: the default one, saving layouts, and every kind of bad layout answered with field errors. */
@IntegrationTest
class DashboardApiTest {

    @LocalServerPort
    int port;

    @Test
    void tenantsGetADefaultDashboardAndSaveTheirOwn() {
        TestApi api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        String base = "/api/v1/tenants/" + tenant.slug() + "/dashboards";
        String viewer = api.userToken(tenant.slug(), Role.VIEWER);
        String editor = api.userToken(tenant.slug(), Role.EDITOR);

        JsonNode list = api.get(base, viewer).json();
        assertThat(list.get("items")).hasSize(1);
        JsonNode standard = list.get("items").get(0);
        assertThat(standard.get("isDefault").asBoolean()).isTrue();
        assertThat(standard.get("name").asString()).isEqualTo("Übersicht");
        assertThat(standard.get("layout").size()).isGreaterThanOrEqualTo(5);
        assertThat(list.get("widgetTypes").valueStream().map(JsonNode::asString).toList())
                .contains("overview", "conversations", "agents", "analytics", "metrics", "kb-sync", "kpi-tile",
                        "time-series", "unanswered", "top-pages", "feedback");
        assertThat(api.get(base, viewer).json().get("items")).hasSize(1); // reading twice creates no second default

        List<Map<String, Object>> layout = List.of(
                Map.of("widgetType", "kpi-tile", "x", 0, "y", 0, "w", 4, "h", 2, "config", Map.of("kpi", "conversations")),
                Map.of("widgetType", "time-series", "x", 4, "y", 0, "w", 8, "h", 4, "config", Map.of()));
        assertThat(api.post(base, viewer, Map.of("name", "Meins", "layout", layout)).status()).isIn(403, 404);
        TestApi.Response created = api.post(base, editor, Map.of("name", "Bürgerbüro", "layout", layout, "isDefault", true));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        JsonNode all = api.get(base, viewer).json().get("items");
        assertThat(all).hasSize(2);
        assertThat(all.get(0).get("id").asString()).isEqualTo(id); // the new default comes first
        assertThat(all.get(1).get("isDefault").asBoolean()).isFalse();

        List<Map<String, Object>> moved = List.of(
                Map.of("widgetType", "kpi-tile", "x", 8, "y", 0, "w", 4, "h", 2, "config", Map.of("kpi", "csat")),
                Map.of("widgetType", "feedback", "x", 0, "y", 0, "w", 8, "h", 3));
        TestApi.Response updated = api.put(base + "/" + id, editor, Map.of("name", "Bürgerbüro", "layout", moved));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode saved = api.get(base + "/" + id, viewer).json();
        assertThat(saved.get("layout").get(0).get("x").asInt()).isEqualTo(8);
        assertThat(saved.get("layout").get(0).get("config").get("kpi").asString()).isEqualTo("csat");
        assertThat(saved.get("layout").get(1).get("config").isEmpty()).isTrue();
        assertThat(saved.get("isDefault").asBoolean()).isTrue();

        // bad layouts: every problem named as a field error
        TestApi.Response bad = api.post(base, editor, Map.of("name", "", "layout", List.of(
                Map.of("widgetType", "weather", "x", 0, "y", 0, "w", 2, "h", 2),
                Map.of("widgetType", "feedback", "x", 10, "y", 0, "w", 4, "h", 2),
                Map.of("widgetType", "feedback", "x", 0, "y", 98, "w", 2, "h", 3),
                Map.of("widgetType", "agents", "x", 1, "y", 1, "w", 2, "h", 2),
                Map.of("widgetType", "agents", "x", -1, "y", 0, "w", 0, "h", 2))));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("validation_failed");
        assertThat(bad.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .contains("name", "layout[0].widgetType", "layout[1].w", "layout[2].h", "layout[3]", "layout[4].x", "layout[4].w");
        assertThat(api.put(base + "/" + id, editor, Map.of("name", "x", "layout", List.of(Map.of("widgetType", "feedback",
                "x", 0, "y", 0, "w", 2, "h", 2, "colour", "red")))).status()).isEqualTo(400);
        assertThat(api.put(base + "/" + id, editor, Map.of("name", "x", "layout", List.of(Map.of("widgetType", "feedback",
                "x", "links", "y", 0, "w", 2, "h", 2)))).status()).isEqualTo(400);

        // another tenant's dashboards do not exist for others
        TestApi.Tenant other = api.createTenant();
        String otherEditor = api.userToken(other.slug(), Role.EDITOR);
        String otherBase = "/api/v1/tenants/" + other.slug() + "/dashboards/" + id;
        assertThat(api.get(otherBase, otherEditor).status()).isEqualTo(404);
        assertThat(api.put(otherBase, otherEditor, Map.of("name", "x", "layout", List.of())).status()).isEqualTo(404);
        assertThat(api.delete(otherBase, otherEditor).status()).isEqualTo(404);

        assertThat(api.delete(base + "/" + id, editor).status()).isEqualTo(204);
        assertThat(api.get(base + "/" + id, viewer).status()).isEqualTo(404);
        String admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        assertThat(api.get("/api/v1/tenants/" + tenant.slug() + "/audit?action=dashboard.deleted", admin).body()).contains(id);
    }
}
