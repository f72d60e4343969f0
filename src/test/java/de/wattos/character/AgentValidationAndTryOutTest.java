package de.wattos.character;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What an agent's validation reads from the modules around it: its tools from the agent module's registry (built-ins
 * and the tenant's own, through the {@link AgentToolDirectory} SPI), the context window from the configured model;
 * dropped target groups explained in German and English; and character try-outs, which a conversation answers with
 * before anything is saved.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentValidationAndTryOutTest {

    @LocalServerPort
    int port;
    TestApi api;
    TestApi.Tenant tenant;
    String base;
    String editor;
    String admin;
    String space;
    String characterId;
    List<String> personaIds;

    @BeforeAll
    void generate() throws Exception {
        api = new TestApi(port);
        tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        editor = api.userToken(tenant.slug(), Role.EDITOR);
        admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        space = CharacterFixtures.indexedSpace(api, base, editor);
        JsonNode proposal = api.post(base + "/characters/define", editor, Map.of("prompt",
                "Freundlicher Assistent Bolli der Gemeinde Bad Boll, siezt, hilft bei Kita und Pflege, keine Rechtsberatung"))
                .json().get("character");
        TestApi.Response saved = api.post(base + "/characters?makeDefault=true", editor, proposal);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        characterId = saved.json().get("id").asString();
        TestApi.Response job = api.post(base + "/personas/generate", editor,
                Map.of("characterId", characterId, "spaceIds", List.of(space), "minQualityScore", 0.0, "maxPersonas", 3));
        JsonNode done = CharacterFixtures.awaitJob(api, base, editor, job.json().get("id").asString());
        personaIds = api.get(base + "/personas?jobId=" + done.get("id").asString(), editor).json().get("items")
                .valueStream().map(p -> p.get("id").asString()).toList();
        assertThat(personaIds).isNotEmpty();
    }

    private String newAgent() {
        TestApi.Response r = api.post(base + "/agents/generate", editor, Map.of("personaIds", personaIds.subList(0, 1), "validate", false));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("items").get(0).get("id").asString();
    }

    private static JsonNode check(JsonNode agent, String name) {
        return agent.get("validation").get("checks").valueStream().filter(c -> c.get("name").asString().equals(name))
                .findFirst().orElseThrow();
    }

    private JsonNode validate(String agentId) {
        TestApi.Response r = api.post(base + "/agents/" + agentId + "/validate", editor, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void toolsAreValidatedAgainstTheAgentModulesRegistry() {
        String agentId = newAgent();
        JsonNode generated = api.get(base + "/agents/" + agentId, editor).json();
        List<String> tools = generated.get("agent").get("tools").valueStream().map(JsonNode::asString).toList();
        JsonNode registry = api.get(base + "/agent-tools", editor).json().get("items");
        List<String> available = registry.valueStream().map(t -> t.get("name").asString()).toList();
        assertThat(available).contains("knowledge_search", "handoff_to_human", "current_time", "service_link")
                .doesNotContain("http_request", "appointment_booking");
        assertThat(available).as("generation picks only tools the registry has").containsAll(tools);
        assertThat(check(validate(agentId), "tools_exist").get("passed").asBoolean()).isTrue();

        // an unknown tool fails with its name and what exists instead
        assertThat(api.put(base + "/agents/" + agentId, editor, Map.of("tools", List.of("knowledge_search", "termin_buchung")))
                .status()).isEqualTo(200);
        JsonNode unknown = check(validate(agentId), "tools_exist");
        assertThat(unknown.get("passed").asBoolean()).isFalse();
        assertThat(unknown.get("detail").asString()).contains("Diese Werkzeuge gibt es nicht: termin_buchung")
                .contains("knowledge_search");

        // the tenant defines the tool in the agent module: now it exists
        Map<String, Object> config = new HashMap<>(Map.of("method", "GET", "url", "http://127.0.0.1:9/termine",
                "allowedHosts", List.of("127.0.0.1"), "timeoutMs", 2000, "maxBytes", 2000,
                "parameters", Map.of("type", "object", "properties", Map.of())));
        TestApi.Response tool = api.post(base + "/agent-runtime/tools", admin, Map.of("name", "termin_buchung", "type", "http_request",
                "description", "Termine im Bürgerbüro", "config", config, "secrets", Map.of()));
        assertThat(tool.status()).as(tool.toString()).isEqualTo(201);
        JsonNode known = validate(agentId);
        assertThat(check(known, "tools_exist").get("passed").asBoolean()).as(known.toString()).isTrue();
        assertThat(check(known, "tools_allowed").get("passed").asBoolean()).isTrue();
        assertThat(api.get(base + "/agent-tools", editor).json().get("items").toString()).contains("termin_buchung")
                .contains("\"tenantDefined\":true");

        // a tenant allowlist that leaves it out makes it not allowed
        TestApi.Response restricted = api.put(base, api.adminToken(), Map.of("slug", tenant.slug(), "name", "Gemeinde Bad Boll",
                "settings", Map.of("agentTools", List.of("knowledge_search"))));
        assertThat(restricted.status()).as(restricted.toString()).isEqualTo(200);
        try {
            JsonNode notAllowed = check(validate(agentId), "tools_allowed");
            assertThat(notAllowed.get("passed").asBoolean()).isFalse();
            assertThat(notAllowed.get("detail").asString()).contains("termin_buchung").contains("agentTools");
        } finally {
            api.put(base, api.adminToken(), Map.of("slug", tenant.slug(), "name", "Gemeinde Bad Boll", "settings", Map.of()));
        }
    }

    @Test
    void thePromptIsCheckedAgainstTheConfiguredModelsContextWindow() {
        String agentId = newAgent();
        JsonNode none = check(validate(agentId), "prompt_fits_context");
        assertThat(none.get("passed").asBoolean()).isTrue();
        assertThat(none.get("detail").asString()).contains("Kontext des Modells unbekannt, angenommen: 8192 Token");

        String providers = base + "/llm/providers";
        TestApi.Response small = api.post(providers, admin, Map.of("name", "klein", "type", "openai",
                "baseUrl", "http://127.0.0.1:9/v1", "apiKey", "sk-test", "defaultModel", "phi3:mini"));
        assertThat(small.status()).as(small.toString()).isEqualTo(201);
        String providerId = small.json().get("id").asString();
        try {
            JsonNode tooSmall = check(validate(agentId), "prompt_fits_context");
            assertThat(tooSmall.get("passed").asBoolean()).as(tooSmall.toString()).isFalse();
            assertThat(tooSmall.get("detail").asString()).contains("phi3:mini: 4096 Token (bekannte Modellfamilie)");

            Map<String, Object> bigger = Map.of("name", "klein", "type", "openai", "baseUrl", "http://127.0.0.1:9/v1",
                    "defaultModel", "gpt-4o-mini");
            assertThat(api.put(providers + "/" + providerId, admin, bigger).status()).isEqualTo(200);
            JsonNode fits = check(validate(agentId), "prompt_fits_context");
            assertThat(fits.get("passed").asBoolean()).isTrue();
            assertThat(fits.get("detail").asString()).contains("gpt-4o-mini: 128000 Token");
        } finally {
            assertThat(api.delete(providers + "/" + providerId, admin).status()).isEqualTo(204);
        }
    }

    @Test
    void droppedTargetGroupsAreExplainedInGermanAndEnglish() throws Exception {
        TestApi.Response job = api.post(base + "/personas/generate", editor,
                Map.of("characterId", characterId, "spaceIds", List.of(space), "minQualityScore", 1.0));
        String jobId = job.json().get("id").asString();
        JsonNode german = CharacterFixtures.awaitJob(api, base, editor, jobId).get("result").get("dropped");
        assertThat(german.size()).isPositive();
        assertThat(german.get(0).get("reason").asString()).startsWith("Qualitätswert unter 1.0: ");
        JsonNode english = api.send(api.builder(base + "/persona-jobs/" + jobId, editor).header("Accept-Language", "en").GET())
                .json().get("result").get("dropped");
        String reason = english.get(0).get("reason").asString();
        assertThat(reason).startsWith("Quality score below 1.0: ").doesNotContain("Qualitätswert").doesNotContain("Belege");
        assertThat(english.get(0).get("why").get("key").asString()).isEqualTo("character.dropped.below_threshold");
    }

    @Test
    void aTryOutAnswersWithTheEditorsUnsavedCharacterAndFollowsItsEdits() {
        Map<String, Object> draft = new HashMap<>(TestApi.JSON.convertValue(
                api.get(base + "/characters/" + characterId, editor).json().get("character"), Map.class));
        draft.put("name", "Tessa");
        draft.put("greeting", "Moin, ich bin Tessa aus dem Entwurf!");
        draft.put("refusedTopics", List.of("Steuertipps"));
        draft.put("refusalText", "Steuertipps gibt es bei mir nicht, frag das Finanzamt.");
        TestApi.Response tryOut = api.post(base + "/character-try-outs", editor, Map.of("character", draft, "characterId", characterId));
        assertThat(tryOut.status()).as(tryOut.toString()).isEqualTo(201);
        String tryOutId = tryOut.json().get("id").asString();
        assertThat(tryOut.json().get("greeting").asString()).isEqualTo("Moin, ich bin Tessa aus dem Entwurf!");
        String conversation = api.post(base + "/conversations", editor, Map.of("agentId", tryOutId)).json().get("id").asString();
        assertThat(ask(conversation, "Gibt es Steuertipps für die Gewerbesteuer?"))
                .isEqualTo("Steuertipps gibt es bei mir nicht, frag das Finanzamt.");
        // nothing was saved: the character itself is unchanged
        assertThat(api.get(base + "/characters/" + characterId, editor).json().get("character").get("name").asString()).isEqualTo("Bolli");

        // the next edit holds from the next question on, in the same conversation
        draft.put("refusalText", "Dazu sage ich nichts – bitte das Finanzamt fragen.");
        assertThat(api.put(base + "/character-try-outs/" + tryOutId, editor, Map.of("character", draft)).status()).isEqualTo(200);
        assertThat(ask(conversation, "Welche Steuertipps hast du?")).isEqualTo("Dazu sage ich nichts – bitte das Finanzamt fragen.");

        // a saved version can be tried as well; the saved character declines its own topic
        TestApi.Response version = api.post(base + "/character-try-outs", editor, Map.of("characterId", characterId, "version", 1));
        assertThat(version.status()).as(version.toString()).isEqualTo(201);
        assertThat(version.json().get("character").get("name").asString()).isEqualTo("Bolli");
        String versioned = api.post(base + "/conversations", editor, Map.of("agentId", version.json().get("id").asString()))
                .json().get("id").asString();
        assertThat(ask(versioned, "Können Sie mir eine Rechtsberatung geben?")).contains("keine Auskunft");

        // bad input and other tenants
        draft.put("name", "");
        TestApi.Response invalid = api.post(base + "/character-try-outs", editor, Map.of("character", draft));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().toString()).contains("name");
        assertThat(api.post(base + "/character-try-outs", editor, Map.of()).status()).isEqualTo(400);
        assertThat(api.post(base + "/character-try-outs", editor, Map.of("characterId", characterId, "version", 99)).status())
                .isEqualTo(404);
        TestApi.Tenant other = api.createTenant();
        String otherEditor = api.userToken(other.slug(), Role.EDITOR);
        assertThat(api.get("/api/v1/tenants/" + other.slug() + "/character-try-outs/" + tryOutId, otherEditor).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/tenants/" + other.slug() + "/conversations", otherEditor, Map.of("agentId", tryOutId)).status())
                .isEqualTo(404);
    }

    /** Asks in the conversation and returns the answer's text. */
    private String ask(String conversation, String question) {
        TestApi.Response r = api.post(base + "/conversations/" + conversation + "/messages", editor, Map.of("content", question));
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        return Optional.ofNullable(r.json().get("message")).map(a -> a.get("content").asString()).orElseThrow();
    }
}
