package de.wattos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub;
import de.wattos.support.TestApi;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The policy's cost cap in EUR per conversation, over HTTP against a loopback OpenAI stub answering as
 * {@code agent-priced-model} (the test profile prices it at 1 EUR per 1,000 input and 2 EUR per 1,000 output tokens):
 * validated, checked before every model call of a run (a bare API run counts as its own conversation), announced once
 * when crossed, a polite statement for the citizen and a problem for API callers.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentCostCapTest {

    static final String CONVERSATION_SPENT = "Für dieses Gespräch ist das Kontingent des Assistenten aufgebraucht. "
            + "Bitte beginnen Sie ein neues Gespräch oder wenden Sie sich direkt an die Verwaltung.";

    @LocalServerPort
    int port;
    TestApi api;
    String base;
    String runtime;
    String admin;
    String agentId;
    String policy;
    OpenAiStub model;

    @BeforeAll
    void agentWithPricedModel() throws Exception {
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        runtime = base + "/agent-runtime";
        admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        agentId = AgentFixtures.agent(api, base, admin).get("id").asString();
        policy = runtime + "/agents/" + agentId + "/policy";
        model = new OpenAiStub();
        AgentFixtures.stubProvider(api, base, admin, model, "agent-priced-model");
    }

    @AfterAll
    void close() {
        model.close();
    }

    @Test
    @Order(1)
    void theCapIsValidatedAndAudited() {
        for (Object bad : List.of(-1, 0, 0.001, 1e9, new java.math.BigDecimal("1e400"))) {
            TestApi.Response r = api.put(policy, admin, Map.of("maxCostEurPerConversation", bad));
            assertThat(r.status()).as(String.valueOf(bad)).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.code()).isEqualTo("validation_failed");
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("maxCostEurPerConversation");
            assertThat(r.json().get("errors").get(0).get("message").asString())
                    .isEqualTo("muss zwischen 0,01 und 10.000 Euro liegen (leer lassen: keine Grenze)");
        }
        TestApi.Response english = api.send(api.builder(policy, admin).header("Content-Type", "application/json")
                .header("Accept-Language", "en").PUT(HttpRequest.BodyPublishers.ofString("{\"maxCostEurPerConversation\":-5}")));
        assertThat(english.json().get("errors").get(0).get("message").asString())
                .isEqualTo("must be between 0.01 and 10,000 euros (leave empty: no cap)");
        // not a number: a string "NaN", a bare NaN (no JSON), a word
        for (String body : List.of("{\"maxCostEurPerConversation\":\"NaN\"}", "{\"maxCostEurPerConversation\":NaN}",
                "{\"maxCostEurPerConversation\":\"viel\"}")) {
            TestApi.Response r = api.raw("PUT", policy, admin, "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(r.status()).as(body + " " + r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            if (!body.contains(":NaN")) {
                assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("maxCostEurPerConversation");
            }
        }
        assertThat(api.get(policy, admin).json().get("maxCostEurPerConversation").isNull()).as("nothing stored").isTrue();

        TestApi.Response put = api.put(policy, admin, Map.of("maxCostEurPerConversation", 0.05));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(api.get(policy, admin).json().get("maxCostEurPerConversation").decimalValue()).isEqualByComparingTo("0.05");
        String audit = api.get(base + "/audit?action=agent.policy.updated", admin).body();
        assertThat(audit).contains("\"maxCostEurPerConversation\":\"0.05\"");
        String editor = api.userToken(base.substring(base.lastIndexOf('/') + 1), Role.EDITOR);
        assertThat(api.get(runtime + "/agents/" + java.util.UUID.randomUUID() + "/policy", admin).status()).isEqualTo(404);
        assertThat(api.get(policy, editor).status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aBareRunStopsBeforeTheStepThatWouldCostMore() throws Exception {
        EventFeed events = EventFeed.follow(api, base + "/events?topics=compliance.budget.reached", admin);
        int before = model.chatRequests.get();
        // step 1: the model asks for a tool (50 input + 12 output tokens = 0.074 EUR, over the 0.05 EUR cap)
        model.enqueue(new ProviderStub.Calls(List.of(new ProviderStub.StubCall("c1", "current_time", List.of("{}")))));
        TestApi.Response run = api.post(runtime + "/runs", admin, Map.of("agentId", agentId, "question", "Wie spät ist es?"));
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        assertThat(run.json().get("answer").asString()).isEqualTo(CONVERSATION_SPENT);
        assertThat(run.json().get("errorCode").asString()).isEqualTo("budget_exceeded");
        List<String> steps = run.json().get("steps").valueStream().map(s -> s.get("kind").asString() + ":"
                + s.path("tool").asString("")).toList();
        assertThat(steps).as("the tool ran, the second model call did not").hasSize(2);
        assertThat(steps.get(0)).startsWith("model");
        assertThat(steps.get(1)).isEqualTo("tool:current_time");
        assertThat(model.chatRequests.get() - before).isEqualTo(1);
        String reached = events.next("budget.reached", run.json().get("id").asString());
        assertThat(reached).contains("\"unit\":\"eur\"", "\"scope\":\"agent\"", "\"period\":\"conversation\"",
                "\"limitEur\":\"0.05\"", "\"spentEur\":\"0.074\"");

        // a bare run is its own conversation: the next one starts with nothing spent (42 + 1 tokens = 0.044 EUR)
        model.enqueue(ProviderStub.answer("Es ist Mittag."));
        TestApi.Response next = api.post(runtime + "/runs", admin, Map.of("agentId", agentId, "question", "Und jetzt?"));
        assertThat(next.status()).as(next.body()).isEqualTo(201);
        assertThat(next.json().get("answer").asString()).isEqualTo("Es ist Mittag.");

        // asked in English, the same stop reads in English
        model.enqueue(new ProviderStub.Calls(List.of(new ProviderStub.StubCall("c2", "current_time", List.of("{}")))));
        TestApi.Response english = api.send(api.builder(runtime + "/runs", admin).header("Content-Type", "application/json")
                .header("Accept-Language", "en").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"agentId\":\"" + agentId + "\",\"question\":\"What time is it?\"}")));
        assertThat(english.status()).as(english.body()).isEqualTo(201);
        assertThat(english.json().get("answer").asString()).isEqualTo("The assistant's allowance for this conversation is used up. "
                + "Please start a new conversation or contact the administration directly.");
    }

    @Test
    @Order(3)
    void aConversationOverItsCapIsAnsweredPolitelyAndApiCallersGetAProblem() {
        String conversation = api.post(base + "/conversations", admin, Map.of("agentId", agentId)).json().get("id").asString();
        model.enqueue(new ProviderStub.Answer(List.of("Gern ", "geschehen."), 100, 2, null));
        TestApi.Response first = api.post(base + "/conversations/" + conversation + "/messages", admin,
                Map.of("content", "Wann hat das Rathaus geöffnet?"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("message").get("content").asString()).isEqualTo("Gern geschehen.");

        TestApi.Response second = api.post(base + "/conversations/" + conversation + "/messages", admin,
                Map.of("content", "Und am Samstag?"));
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        JsonNode message = second.json().get("message");
        assertThat(message.get("content").asString()).isEqualTo(CONVERSATION_SPENT);
        assertThat(message.get("finishReason").asString()).isEqualTo("refused");
        // (chat itself asks the model to rewrite a follow-up question for its search: not the agent's call)
        assertThat(model.received).as("no agent model call over the cap")
                .noneMatch(r -> r.body().contains("Und am Samstag?") && r.body().contains("Du kannst Werkzeuge aufrufen"));

        TestApi.Response refused = api.post(runtime + "/runs", admin, Map.of("agentId", agentId, "conversationId", conversation,
                "question", "Noch etwas?"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("budget_exceeded");
        assertThat(refused.json().get("detail").asString())
                .isEqualTo("Die Kostengrenze dieses Agenten für dieses Gespräch ist erreicht.");
        TestApi.Response english = api.send(api.builder(runtime + "/runs", admin).header("Content-Type", "application/json")
                .header("Accept-Language", "en").POST(HttpRequest.BodyPublishers.ofString("{\"agentId\":\"" + agentId
                        + "\",\"conversationId\":\"" + conversation + "\",\"question\":\"One more?\"}")));
        assertThat(english.status()).isEqualTo(429);
        assertThat(english.json().get("detail").asString()).isEqualTo("This agent's cost cap for this conversation is reached.");

        // without a cap the same conversation goes on
        assertThat(api.put(policy, admin, Map.of()).status()).isEqualTo(200);
        model.enqueue(ProviderStub.answer("Und am Samstag?")); // chat's rewrite of the follow-up
        model.enqueue(ProviderStub.answer("Samstags ist geschlossen."));
        TestApi.Response again = api.post(base + "/conversations/" + conversation + "/messages", admin,
                Map.of("content", "Und am Samstag?"));
        assertThat(again.json().get("message").get("content").asString()).isEqualTo("Samstags ist geschlossen.");
    }

    @Test
    @Order(4)
    void onlyTenantAdminsChangeTheCapEditorsKeepItAsItIs() {
        String slug = base.substring(base.lastIndexOf('/') + 1);
        String editor = api.userToken(slug, Role.EDITOR);
        String reviewer = api.userToken(slug, Role.REVIEWER);
        assertThat(api.put(policy, admin, Map.of("maxCostEurPerConversation", 0.05, "maxSteps", 5)).status()).isEqualTo(200);
        String audits = base + "/audit?action=agent.policy.updated&size=200";
        int audited = api.get(audits, admin).json().get("total").asInt();

        // raising, lowering, removing (null or left out) and a reviewer's change: 403, German by default, nothing stored
        List<Map<String, Object>> changes = new java.util.ArrayList<>();
        changes.add(Map.of("maxCostEurPerConversation", 1, "maxSteps", 5));
        changes.add(Map.of("maxCostEurPerConversation", 0.02, "maxSteps", 5));
        java.util.Map<String, Object> removed = new java.util.HashMap<>();
        removed.put("maxCostEurPerConversation", null);
        removed.put("maxSteps", 5);
        changes.add(removed);
        changes.add(Map.of("maxSteps", 5));
        for (String token : List.of(editor, reviewer)) {
            for (Map<String, Object> change : changes) {
                TestApi.Response r = api.put(policy, token, change);
                assertThat(r.status()).as(change + " " + r.body()).isEqualTo(403);
                assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                assertThat(r.code()).isEqualTo("forbidden");
                assertThat(r.json().get("detail").asString()).isEqualTo(
                        "Die Kostengrenze pro Gespräch dürfen nur Mandanten-Administratoren setzen, ändern oder entfernen.");
            }
        }
        TestApi.Response english = api.send(api.builder(policy, editor).header("Content-Type", "application/json")
                .header("Accept-Language", "en").PUT(HttpRequest.BodyPublishers.ofString("{\"maxCostEurPerConversation\":2}")));
        assertThat(english.status()).isEqualTo(403);
        assertThat(english.json().get("detail").asString())
                .isEqualTo("Only tenant admins may set, change or remove the cost cap per conversation.");
        // the tenant default too: an editor may not set a cap where there was none
        assertThat(api.put(runtime + "/policy", editor, Map.of("maxCostEurPerConversation", 3)).status()).isEqualTo(403);
        assertThat(api.get(runtime + "/policy", admin).json().get("maxCostEurPerConversation").isNull()).isTrue();
        assertThat(api.get(policy, admin).json().get("maxCostEurPerConversation").decimalValue()).isEqualByComparingTo("0.05");
        assertThat(api.get(audits, admin).json().get("total").asInt()).as("refused writes change nothing").isEqualTo(audited);

        // the rest of the policy with the cap as the GET showed it (also written as 0.050): allowed and audited
        JsonNode shown = api.get(policy, editor).json();
        assertThat(shown.get("maxCostEurPerConversation").decimalValue()).isEqualByComparingTo("0.05");
        TestApi.Response kept = api.put(policy, editor, Map.of("maxCostEurPerConversation", shown.get("maxCostEurPerConversation"),
                "maxSteps", 3, "refusedTopics", List.of("Wahlen")));
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        assertThat(api.put(policy, editor, Map.of("maxCostEurPerConversation", new java.math.BigDecimal("0.050"), "maxSteps", 4))
                .status()).isEqualTo(200);
        JsonNode stored = api.get(policy, admin).json();
        assertThat(stored.get("maxSteps").asInt()).isEqualTo(4);
        assertThat(stored.get("maxCostEurPerConversation").decimalValue()).isEqualByComparingTo("0.05");
        JsonNode audit = api.get(audits, admin).json();
        assertThat(audit.get("total").asInt()).isEqualTo(audited + 2);
        assertThat(audit.get("items").get(0).get("actor").toString()).contains("editor-");
        assertThat(new java.math.BigDecimal(audit.get("items").get(0).get("details").get("maxCostEurPerConversation").asString()))
                .isEqualByComparingTo("0.05");
        // an editor's tenant default without a cap keeps "no cap"
        assertThat(api.put(runtime + "/policy", editor, Map.of("maxSteps", 4)).status()).isEqualTo(200);

        // a tenant admin raises, lowers and removes it
        for (Object cap : java.util.Arrays.asList(0.5, 0.02, null)) {
            java.util.Map<String, Object> body = new java.util.HashMap<>();
            body.put("maxCostEurPerConversation", cap);
            TestApi.Response r = api.put(policy, admin, body);
            assertThat(r.status()).as(cap + " " + r.body()).isEqualTo(200);
        }
        assertThat(api.get(policy, admin).json().get("maxCostEurPerConversation").isNull()).isTrue();
        assertThat(api.get(audits, admin).json().get("total").asInt()).isEqualTo(audited + 6);
    }
}
