package de.wattos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.character.CharacterFixtures;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.util.ArrayList;
import java.util.HashMap;
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
 * A chat conversation bound to an agent is answered by the agent run loop: without a model the tools are used
 * deterministically (the service catalogue leads, an explicit wish for a person hands over, a tool under approval
 * pauses and the approved answer arrives in the conversation later); with a model the answer streams as chat's own
 * events with the run's citations.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentConversationTest {

    @LocalServerPort
    int port;
    TestApi api;
    TestApi.Tenant tenant;
    String base;
    String runtime;
    String admin;
    String agentId;
    String agentName;
    OpenAiStub model;

    @BeforeAll
    void publishedAgent() throws Exception {
        api = new TestApi(port);
        tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        runtime = base + "/agent-runtime";
        admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        JsonNode agent = AgentFixtures.agent(api, base, admin);
        agentId = agent.get("id").asString();
        agentName = api.get(base + "/agents/" + agentId, admin).json().get("agent").get("name").asString();
        TestApi.Response service = api.post(runtime + "/services", admin, Map.of("name", "Gewerbeanmeldung", "kind", "online_service",
                "url", "https://www.bad-boll.de/gewerbe-online", "office", "Bürgerbüro", "fees", "30 Euro",
                "keywords", List.of("Gewerbe", "Gewerbeanmeldung", "Betrieb")));
        assertThat(service.status()).as(service.body()).isEqualTo(201);
    }

    @AfterAll
    void closeModel() {
        if (model != null) {
            model.close();
        }
    }

    private String conversation() {
        TestApi.Response r = api.post(base + "/conversations", admin, Map.of("agentId", agentId));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private JsonNode ask(String conversation, String question) {
        TestApi.Response r = api.post(base + "/conversations/" + conversation + "/messages", admin, Map.of("content", question));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("message");
    }

    private JsonNode messages(String conversation) {
        return api.get(base + "/conversations/" + conversation, admin).json().get("messages");
    }

    private JsonNode lastRun() {
        return api.get(runtime + "/runs?size=1", admin).json().get("items").get(0);
    }

    @Test
    @Order(1)
    void withoutAModelTheAgentLinksTheServiceAndHandsOverOnRequest() {
        String conversation = conversation();
        JsonNode answer = ask(conversation, "Wo kann ich ein Gewerbe anmelden?");
        assertThat(answer.get("content").asString())
                .startsWith("Dafür gibt es die Leistung „Gewerbeanmeldung“: https://www.bad-boll.de/gewerbe-online");
        assertThat(answer.get("citations").get(0).get("url").asString()).isEqualTo("https://www.bad-boll.de/gewerbe-online");
        JsonNode run = lastRun();
        assertThat(run.get("conversationId").asString()).isEqualTo(conversation);
        assertThat(run.get("agentId").asString()).isEqualTo(agentId);
        assertThat(run.get("mode").asString()).isEqualTo("extractive");
        JsonNode stored = messages(conversation).get(1);
        assertThat(stored.get("author").asString()).isEqualTo(agentName);

        JsonNode handoff = ask(conversation, "Ich möchte bitte mit einem Mitarbeiter sprechen.");
        assertThat(handoff.get("finishReason").asString()).isEqualTo("handed_over");
        assertThat(lastRun().get("status").asString()).isEqualTo("handed_over");
    }

    @Test
    @Order(2)
    void aToolUnderApprovalPausesTheExtractiveRunAndTheApprovedAnswerArrivesInTheConversation() {
        TestApi.Response policy = api.put(runtime + "/agents/" + agentId + "/policy", admin,
                Map.of("approvalTools", List.of("service_link")));
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);
        try {
            String conversation = conversation();
            JsonNode paused = ask(conversation, "Was kostet die Gewerbeanmeldung?");
            assertThat(paused.get("content").asString()).isEqualTo("Ihre Anfrage wird von einem Mitarbeiter geprüft.");
            assertThat(paused.get("finishReason").asString()).isEqualTo("awaiting_approval");
            JsonNode pending = api.get(runtime + "/approvals?status=pending", admin).json().get("items");
            assertThat(pending.size()).isEqualTo(1);
            assertThat(pending.get(0).get("calls").get(0).get("name").asString()).isEqualTo("service_link");

            TestApi.Response approved = api.post(runtime + "/approvals/" + pending.get(0).get("id").asString() + "/approve",
                    admin, Map.of("note", "passt"));
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(approved.json().get("status").asString()).isEqualTo("completed");
            JsonNode messages = messages(conversation);
            JsonNode late = messages.get(messages.size() - 1);
            assertThat(late.get("role").asString()).isEqualTo("assistant");
            assertThat(late.get("author").asString()).isEqualTo(agentName);
            assertThat(late.get("content").asString()).startsWith("Dafür gibt es die Leistung „Gewerbeanmeldung“")
                    .contains("Gebühren: 30 Euro");

            // an English conversation reads the pause and the refusal in English
            String english = conversation();
            JsonNode waiting = ask(english, "How much does the business registration (Gewerbeanmeldung) cost, please?");
            assertThat(waiting.get("content").asString()).isEqualTo("Your request is being reviewed by a member of staff.");
            JsonNode next = api.get(runtime + "/approvals?status=pending", admin).json().get("items");
            TestApi.Response denied = api.post(runtime + "/approvals/" + next.get(0).get("id").asString() + "/deny", admin,
                    Map.of("note", "nein"));
            assertThat(denied.status()).as(denied.body()).isEqualTo(200);
            JsonNode englishMessages = messages(english);
            assertThat(englishMessages.get(englishMessages.size() - 1).get("content").asString())
                    .startsWith("Unfortunately this request could not be approved.");
        } finally {
            api.put(runtime + "/agents/" + agentId + "/policy", admin, Map.of());
        }
    }

    @Test
    @Order(3)
    void withAModelTheRunsAnswerStreamsWithItsCitations() {
        model = new OpenAiStub();
        Map<String, Object> provider = new HashMap<>();
        provider.put("name", "stub");
        provider.put("type", "openai");
        provider.put("baseUrl", model.baseUri().toString());
        provider.put("apiKey", "sk-stub");
        provider.put("defaultModel", "gpt-stub");
        TestApi.Response created = api.post(base + "/llm/providers", admin, provider);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        model.enqueue(new ProviderStub.Calls(List.of(new ProviderStub.StubCall("call_1", "service_link",
                        List.of("{\"query\":", "\"Gewerbe anmelden\"}")))),
                ProviderStub.answer("Melden Sie Ihr Gewerbe ", "online an [1]."));
        String conversation = conversation();
        TestApi.Response sse = api.post(base + "/conversations/" + conversation + "/messages", admin,
                Map.of("content", "Wie melde ich mein Gewerbe an?", "stream", true));
        assertThat(sse.status()).as(sse.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        JsonNode citations = null;
        JsonNode end = null;
        String name = null;
        for (String line : sse.body().split("\n")) {
            if (line.startsWith("event:")) {
                name = line.substring(6).strip();
                names.add(name);
            } else if (line.startsWith("data:")) {
                JsonNode data = TestApi.JSON.readTree(line.substring(5).strip());
                switch (name) {
                    case "delta" -> text.append(data.get("text").asString());
                    case "citations" -> citations = data.get("citations");
                    case "end" -> end = data;
                    default -> {
                    }
                }
            }
        }
        assertThat(names).startsWith("start").contains("delta").endsWith("citations", "end");
        assertThat(text.toString()).isEqualTo("Melden Sie Ihr Gewerbe online an [1].");
        assertThat(citations.get(0).get("url").asString()).isEqualTo("https://www.bad-boll.de/gewerbe-online");
        assertThat(end.get("author").asString()).isEqualTo(agentName);
        JsonNode run = lastRun();
        assertThat(run.get("mode").asString()).isEqualTo("model");
        assertThat(run.get("conversationId").asString()).isEqualTo(conversation);
        List<String> steps = new ArrayList<>();
        run.get("steps").forEach(s -> steps.add(s.get("kind").asString() + ":" + s.path("tool").asString("")));
        assertThat(steps).containsExactly("model:", "tool:service_link", "model:");
        api.delete(base + "/llm/providers/" + created.json().get("id").asString(), admin);
    }

    @Test
    @Order(4)
    void anErasedConversationTakesItsRunsAndHandoffsAlong() {
        String conversation = conversation();
        ask(conversation, "Wo kann ich ein Gewerbe anmelden?");
        ask(conversation, "Ich möchte bitte mit einem Mitarbeiter sprechen.");
        String kept = conversation();
        ask(kept, "Wo kann ich ein Gewerbe anmelden?");
        List<String> runsOf = runsOf(conversation);
        assertThat(runsOf).hasSize(2);
        assertThat(handoffsOf(conversation)).hasSize(1);
        String handoffId = handoffsOf(conversation).getFirst();

        // data protection: the conversation is erased (as for one visitor, or by the retention purge)
        assertThat(api.delete(base + "/analytics/conversations/" + conversation, admin).status()).isEqualTo(204);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(runsOf(conversation)).as("the runs hold the questions and answers").isEmpty();
            assertThat(handoffsOf(conversation)).isEmpty();
        });
        for (String run : runsOf) {
            assertThat(api.get(runtime + "/runs/" + run, admin).status()).isEqualTo(404);
        }
        assertThat(api.get(runtime + "/handoffs/" + handoffId, admin).status()).isEqualTo(404);
        assertThat(runsOf(kept)).as("another conversation's run stays").hasSize(1);

        // a conversation deleted through chat's own API takes its runs along too
        assertThat(api.delete(base + "/conversations/" + kept, admin).status()).isEqualTo(204);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(runsOf(kept)).isEmpty());
    }

    private List<String> runsOf(String conversation) {
        return idsOf(runtime + "/runs?size=200", conversation);
    }

    private List<String> handoffsOf(String conversation) {
        return idsOf(runtime + "/handoffs?size=200", conversation);
    }

    /** The ids of the listed items (runs, handoffs) that belong to the conversation. */
    private List<String> idsOf(String path, String conversation) {
        List<String> ids = new ArrayList<>();
        api.get(path, admin).json().get("items").forEach(x -> {
            if (conversation.equals(x.path("conversationId").asString(""))) {
                ids.add(x.get("id").asString());
            }
        });
        return ids;
    }
}
