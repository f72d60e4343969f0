package de.wattos.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.chat.internal.AssistantSettings;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import de.wattos.tenancy.TenantContact;
import de.wattos.tenancy.Tenants;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The tenant settings resource: read by members, changed by tenant admins, validated, audited, public to modules. */
@IntegrationTest
class TenantSettingsApiTest {

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void tenantAdminSetsTheContactAndEveryoneReadsIt() {
        var t = api.createTenant();
        String base = "/api/v1/tenants/" + t.slug() + "/settings";
        String viewer = api.userToken(t.slug(), Role.VIEWER);
        String editor = api.userToken(t.slug(), Role.EDITOR);
        String admin = api.userToken(t.slug(), Role.TENANT_ADMIN);

        var empty = api.get(base, viewer);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("contact").get("email").isNull()).isTrue();

        Map<String, Object> contact = Map.of("email", "buergerservice@example-gemeinde.de", "phone", "+49 841 305-0",
                "url", "https://www.example-gemeinde.de/kontakt", "hours", "Mo–Fr 8–12 Uhr");
        assertThat(api.put(base, viewer, Map.of("contact", contact)).status()).isEqualTo(403);
        assertThat(api.put(base, editor, Map.of("contact", contact)).status()).isEqualTo(403);
        var put = api.put(base, admin, Map.of("contact", contact));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("contact").get("hours").asString()).isEqualTo("Mo–Fr 8–12 Uhr");

        var read = api.get(base, viewer).json().get("contact");
        assertThat(read.get("email").asString()).isEqualTo("buergerservice@example-gemeinde.de");
        assertThat(read.get("phone").asString()).isEqualTo("+49 841 305-0");
        assertThat(read.get("url").asString()).isEqualTo("https://www.example-gemeinde.de/kontakt");
        assertThat(tenants.tenantSettings(t.id()).contact())
                .isEqualTo(new TenantContact("buergerservice@example-gemeinde.de", "+49 841 305-0",
                        "https://www.example-gemeinde.de/kontakt", "Mo–Fr 8–12 Uhr"));

        var audit = api.get("/api/v1/tenants/" + t.slug() + "/audit?action=tenant.settings.updated", admin).json();
        assertThat(audit.get("total").asInt()).isEqualTo(1);

        // PUT replaces: an empty contact clears it
        assertThat(api.put(base, admin, Map.of("contact", Map.of())).status()).isEqualTo(200);
        assertThat(tenants.tenantSettings(t.id()).contact().isEmpty()).isTrue();
    }

    @Test
    void badContactsAreRefusedWithFieldErrors() {
        var t = api.createTenant();
        String base = "/api/v1/tenants/" + t.slug() + "/settings";
        String admin = api.userToken(t.slug(), Role.TENANT_ADMIN);
        assertThat(api.put(base, admin, Map.of("contact", Map.of("email", "not an address"))).code()).isEqualTo("validation_failed");
        assertThat(api.put(base, admin, Map.of("contact", Map.of("phone", "call me maybe"))).status()).isEqualTo(400);
        assertThat(api.put(base, admin, Map.of("contact", Map.of("url", "javascript:alert(1)"))).status()).isEqualTo(400);
        assertThat(api.put(base, admin, Map.of("contact", Map.of("url", "/relative"))).status()).isEqualTo(400);
        assertThat(api.put(base, admin, Map.of("contact", Map.of("hours", "x".repeat(201)))).status()).isEqualTo(400);
        assertThat(api.put(base, admin, Map.of("contact", Map.of("fax", "123"))).status()).isEqualTo(400);
        assertThat(api.put(base, admin, "{\"contact\": 5}").status()).isEqualTo(400);
        assertThat(api.put(base, admin, "not json").status()).isEqualTo(400);
        assertThat(tenants.tenantSettings(t.id()).contact().isEmpty()).isTrue();
    }

    @Test
    void anotherTenantsSettingsAreNotFound() {
        var a = api.createTenant();
        var b = api.createTenant();
        String attacker = api.userToken(a.slug(), Role.TENANT_ADMIN);
        assertThat(api.get("/api/v1/tenants/" + b.slug() + "/settings", attacker).status()).isEqualTo(404);
        assertThat(api.put("/api/v1/tenants/" + b.slug() + "/settings", attacker,
                Map.of("contact", Map.of("email", "evil@example.org"))).status()).isEqualTo(404);
        assertThat(tenants.tenantSettings(b.id()).contact().isEmpty()).isTrue();
    }

    @Test
    void tenantAdminSetsTheAssistantsToneAndRefusedTopicsWhichTheAnsweringReads() {
        var t = api.createTenant();
        String base = "/api/v1/tenants/" + t.slug() + "/settings";
        String editor = api.userToken(t.slug(), Role.EDITOR);
        String admin = api.userToken(t.slug(), Role.TENANT_ADMIN);
        Map<String, Object> body = Map.of("contact", Map.of("email", "rathaus@example-gemeinde.de"),
                "tone", "  herzlich, knapp und per Sie  ", "refusedTopics", List.of("Parteipolitik", " Wahlempfehlungen", "Parteipolitik"));

        assertThat(api.put(base, editor, body).status()).isEqualTo(403);
        var put = api.put(base, admin, body);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("tone").asString()).isEqualTo("herzlich, knapp und per Sie");
        assertThat(put.json().get("refusedTopics").toString()).isEqualTo("[\"Parteipolitik\",\"Wahlempfehlungen\"]");

        var read = api.get(base, api.userToken(t.slug(), Role.VIEWER)).json();
        assertThat(read.get("tone").asString()).isEqualTo("herzlich, knapp und per Sie");
        assertThat(read.get("contact").get("email").asString()).isEqualTo("rathaus@example-gemeinde.de");
        // stored under the keys the chat's answering reads (while the tenant has no character of its own)
        AssistantSettings assistant = AssistantSettings.from(tenants.settings(t.id()), t.slug(), "Ihre Verwaltung");
        assertThat(assistant.tone()).isEqualTo("herzlich, knapp und per Sie");
        assertThat(assistant.refusedTopics()).containsExactly("Parteipolitik", "Wahlempfehlungen");
        assertThat(assistant.refusedTopicIn("Welche Parteipolitik empfehlen Sie?")).isEqualTo("Parteipolitik");

        var audit = api.get("/api/v1/tenants/" + t.slug() + "/audit?action=tenant.settings.updated", admin).json();
        assertThat(audit.get("total").asInt()).isEqualTo(1);
        assertThat(audit.get("items").get(0).toString()).contains("tone").contains("refusedTopics").contains("Wahlempfehlungen");

        // PUT replaces: leaving tone and topics out clears them, the free-form keys of the tenant stay
        assertThat(api.put(base, admin, Map.of("contact", Map.of("email", "rathaus@example-gemeinde.de"))).status()).isEqualTo(200);
        assertThat(tenants.tenantSettings(t.id()).tone()).isNull();
        assertThat(tenants.tenantSettings(t.id()).refusedTopics()).isEmpty();
        assertThat(tenants.tenantSettings(t.id()).contact().email()).isEqualTo("rathaus@example-gemeinde.de");
    }

    @Test
    void badToneAndTopicsAreRefusedWithoutAChange() {
        var t = api.createTenant();
        String base = "/api/v1/tenants/" + t.slug() + "/settings";
        String admin = api.userToken(t.slug(), Role.TENANT_ADMIN);
        assertThat(api.put(base, admin, Map.of("tone", "x".repeat(301))).code()).isEqualTo("validation_failed");
        assertThat(api.put(base, admin, Map.of("refusedTopics", List.of(" "))).status()).isEqualTo(400);
        assertThat(api.put(base, admin, Map.of("refusedTopics", List.of("y".repeat(101)))).status()).isEqualTo(400);
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add("Thema " + i);
        }
        assertThat(api.put(base, admin, Map.of("refusedTopics", many)).status()).isEqualTo(400);
        assertThat(api.put(base, admin, "{\"refusedTopics\": [null]}").status()).isEqualTo(400);
        assertThat(api.put(base, admin, "{\"refusedTopics\": \"Politik\"}").status()).isEqualTo(400);
        assertThat(api.put(base, admin, "{\"tone\": 5}").status()).isEqualTo(400);
        assertThat(api.put(base, admin, "{\"tone\": \"a\u0000b\"}").status()).isEqualTo(400);
        assertThat(tenants.tenantSettings(t.id()).tone()).isNull();
        assertThat(tenants.tenantSettings(t.id()).refusedTopics()).isEmpty();
    }

    @Test
    void anotherTenantsToneCannotBeSet() {
        var a = api.createTenant();
        var b = api.createTenant();
        String attacker = api.userToken(a.slug(), Role.TENANT_ADMIN);
        Map<String, Object> body = new HashMap<>();
        body.put("tone", "unfreundlich");
        body.put("refusedTopics", List.of("alles"));
        assertThat(api.put("/api/v1/tenants/" + b.slug() + "/settings", attacker, body).status()).isEqualTo(404);
        assertThat(api.put("/api/v1/tenants/" + b.id() + "/settings", attacker, body).status()).isEqualTo(404);
        assertThat(tenants.tenantSettings(b.id()).tone()).isNull();
        assertThat(tenants.tenantSettings(b.id()).refusedTopics()).isEmpty();
    }

    @Test
    void whatGetAnswersCanBePutBackUnchanged() {
        var t = api.createTenant();
        String base = "/api/v1/tenants/" + t.slug() + "/settings";
        String admin = api.userToken(t.slug(), Role.TENANT_ADMIN);
        assertThat(api.put(base, admin, Map.of("contact", Map.of("email", "rathaus@example-gemeinde.de"),
                "tone", "sachlich", "refusedTopics", List.of("Politik"))).status()).isEqualTo(200);
        String read = api.get(base, admin).body();
        var put = api.put(base, admin, read);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json()).isEqualTo(api.get(base, admin).json());
        // an empty contact included: nothing but the resource's own fields
        String empty = api.get("/api/v1/tenants/" + api.createTenant().slug() + "/settings", api.adminToken()).body();
        assertThat(empty).doesNotContain("\"empty\"");
    }
}
