package de.wattos.character;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A tenant defines its assistant from one sentence, saves it, changes it, looks at its versions and restores one. */
@IntegrationTest
class CharacterApiTest {

    static final String PROMPT = "Freundliche Assistentin Lena der Gemeinde Bad Boll, siezt, hilft bei Abfall und Steuern, keine Rechtsberatung";

    @LocalServerPort
    int port;
    TestApi api;
    String base;
    String editor;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        editor = api.userToken(tenant.slug(), Role.EDITOR);
    }

    @Test
    void definesACharacterFromOneSentenceWithProvenanceAndWarnings() {
        TestApi.Response r = api.post(base + "/characters/define", editor, Map.of("prompt", PROMPT));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode c = r.json().get("character");
        assertThat(c.get("name").asString()).isEqualTo("Lena");
        assertThat(c.get("organisation").asString()).isEqualTo("Gemeinde Bad Boll");
        assertThat(c.get("tone").asString()).isEqualTo("friendly");
        assertThat(c.get("address").asString()).isEqualTo("Sie");
        assertThat(c.get("topics").valueStream().map(JsonNode::asString)).containsExactly("Abfall", "Steuern");
        assertThat(c.get("refusedTopics").valueStream().map(JsonNode::asString)).containsExactly("Rechtsberatung");
        assertThat(c.get("greeting").asString()).contains("Lena").contains("Gemeinde Bad Boll").contains("Ihnen");
        assertThat(c.get("refusalText").asString()).isEqualTo("Zu diesem Thema kann ich Ihnen leider keine Auskunft geben. "
                + "Bitte wenden Sie sich direkt an die Verwaltung.");
        JsonNode provenance = r.json().get("provenance");
        assertThat(provenance.get("name").asString()).isEqualTo("prompt");
        assertThat(provenance.get("greeting").asString()).isEqualTo("default");
        assertThat(provenance.get("contact").asString()).isEqualTo("default");
        assertThat(r.json().get("readBy").asString()).isEqualTo("rules");
        assertThat(r.json().get("warnings").findValuesAsString("code")).contains("no_contact");
        assertThat(r.json().get("warnings").findValuesAsString("message")).anyMatch(m -> m.contains("Kontakt"));
        // nothing was saved by defining
        assertThat(api.get(base + "/characters", editor).json().get("items").findValuesAsString("name")).doesNotContain("Lena");
    }

    @Test
    void theChatRefusesInTheDefaultCharactersOwnFormOfAddress() {
        JsonNode proposal = api.post(base + "/characters/define", editor,
                Map.of("prompt", "Lockere Assistentin Mia der Gemeinde Gruibingen, duzt, keine Rechtsberatung")).json().get("character");
        assertThat(proposal.get("address").asString()).isEqualTo("du");
        assertThat(api.post(base + "/characters?makeDefault=true", editor, proposal).status()).isEqualTo(201);
        TestApi.Response conversation = api.post(base + "/conversations", editor, Map.of());
        JsonNode m = api.post(base + "/conversations/" + conversation.json().get("id").asString() + "/messages", editor,
                Map.of("content", "Kannst du mir eine Rechtsberatung zu meinem Mietvertrag geben?")).json().get("message");
        assertThat(m.get("finishReason").asString()).isEqualTo("refused");
        assertThat(m.get("content").asString()).isEqualTo(proposal.get("refusalText").asString()).contains("dir")
                .doesNotContain("Sie sich");
    }

    @Test
    void savesVersionsAndRestoresAnOldOne() {
        JsonNode proposal = api.post(base + "/characters/define", editor, Map.of("prompt", PROMPT)).json().get("character");
        TestApi.Response created = api.post(base + "/characters?makeDefault=true", editor, proposal);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("version").asInt()).isEqualTo(1);
        assertThat(created.json().get("isDefault").asBoolean()).isTrue();

        Map<String, Object> changed = TestApi.JSON.convertValue(proposal, Map.class);
        changed.put("name", "Lena Maier");
        changed.put("tone", "formal");
        TestApi.Response updated = api.put(base + "/characters/" + id, editor, changed);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("version").asInt()).isEqualTo(2);

        JsonNode versions = api.get(base + "/characters/" + id + "/versions", editor).json();
        assertThat(versions.size()).isEqualTo(2);

        TestApi.Response restored = api.post(base + "/characters/" + id + "/versions/1/restore", editor, Map.of());
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.json().get("version").asInt()).isEqualTo(3);
        assertThat(restored.json().get("character").get("name").asString()).isEqualTo("Lena");
        assertThat(restored.json().get("character").get("tone").asString()).isEqualTo("friendly");
        assertThat(api.post(base + "/characters/" + id + "/versions/9/restore", editor, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void theDefaultCharacterIsMigratedFromTheFormerAssistantSettings() {
        TestApi.Tenant tenant = api.createTenant();
        TestApi.Response settings = api.put("/api/v1/tenants/" + tenant.slug(), api.adminToken(), Map.of("slug", tenant.slug(), "name", "Gemeinde Uhingen",
                "settings", Map.of("assistantName", "Uhi", "tone", "sachlich", "refusedTopics", java.util.List.of("Politik"))));
        String viewer = api.userToken(tenant.slug(), Role.VIEWER);
        JsonNode list = api.get("/api/v1/tenants/" + tenant.slug() + "/characters", viewer).json();
        assertThat(list.get("items")).as(list.toString() + " after " + settings).hasSize(1);
        JsonNode c = list.get("items").get(0);
        assertThat(c.get("isDefault").asBoolean()).isTrue();
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        assertThat(c.get("character").get("name").asString()).isEqualTo("Uhi");
        assertThat(c.get("character").get("tone").asString()).isEqualTo("formal");
        assertThat(c.get("character").get("organisation").asString()).isEqualTo("Gemeinde Uhingen");
        assertThat(c.get("character").get("refusedTopics").get(0).asString()).isEqualTo("Politik");
    }

    @Test
    void refusesBadInput() {
        assertThat(api.post(base + "/characters/define", editor, Map.of("prompt", " ")).code()).isEqualTo("validation_failed");
        TestApi.Response tooLong = api.post(base + "/characters/define", editor, Map.of("prompt", "a".repeat(2001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(api.post(base + "/characters/define", editor, Map.of()).status()).isEqualTo(400);
        assertThat(api.post(base + "/characters", editor, Map.of("name", "")).status()).isEqualTo(400);
        assertThat(api.post(base + "/characters", editor, Map.of("name", "X", "tone", "grumpy")).status()).isEqualTo(400);
        assertThat(api.get(base + "/characters/" + java.util.UUID.randomUUID(), editor).status()).isEqualTo(404);

        TestApi.Tenant other = api.createTenant();
        String otherEditor = api.userToken(other.slug(), Role.EDITOR);
        String id = api.post(base + "/characters", editor, Map.of("name", "Eigene")).json().get("id").asString();
        assertThat(api.get("/api/v1/tenants/" + other.slug() + "/characters/" + id, otherEditor).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/tenants/" + other.slug() + "/characters/" + id, otherEditor).status()).isEqualTo(404);
    }

    @Test
    void theProfileIsEditableAndFeedsTheCharacter() {
        TestApi.Response empty = api.get(base + "/profile", editor);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("source").asString()).isEqualTo("default");
        TestApi.Response put = api.put(base + "/profile", editor, Map.of("organisationName", "Gemeinde Bad Boll",
                "organisationType", "Gemeinde", "region", "Landkreis Göppingen",
                "contact", Map.of("email", "info@bad-boll.de", "phone", "07164 808-0"), "mainTopics", java.util.List.of("Abfall")));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("source").asString()).isEqualTo("edited");
        TestApi.Response r = api.post(base + "/characters/define", editor, Map.of("prompt", "Ein Assistent namens Bolli, duzt."));
        JsonNode c = r.json().get("character");
        assertThat(c.get("organisation").asString()).isEqualTo("Gemeinde Bad Boll");
        assertThat(r.json().get("provenance").get("organisation").asString()).isEqualTo("tenant_profile");
        assertThat(c.get("contact").get("email").asString()).isEqualTo("info@bad-boll.de");
        assertThat(c.get("noAnswerText").asString()).contains("info@bad-boll.de").contains("Wende dich");
        assertThat(api.put(base + "/profile", editor, Map.of("languages", java.util.List.of("Deutsch!"))).status()).isEqualTo(400);

        // the contact in the tenant settings is the source of truth
        TestApi.Response settings = api.put(base + "/settings", api.adminToken(),
                Map.of("contact", Map.of("email", "rathaus@bad-boll.de")));
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        JsonNode profile = api.get(base + "/profile", editor).json();
        assertThat(profile.get("contact").get("email").asString()).isEqualTo("rathaus@bad-boll.de");
        assertThat(profile.get("contact").get("phone").asString()).isEqualTo("07164 808-0");
    }
}
