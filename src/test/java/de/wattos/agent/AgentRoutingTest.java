package de.wattos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Routing between three published agents over HTTP: a written set of questions is routed by the persona evidence
 * (accuracy reported), a conversation bound to one agent moves to the agent whose scope fits, says so, stays there
 * for a follow-up, and the chat's end event and the {@code intent.routed} event name the answering agent; with a model,
 * the routing call decides.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentRoutingTest {

    @LocalServerPort
    int port;
    TestApi api;
    String base;
    String runtime;
    String admin;
    final Map<String, String> agentIds = new LinkedHashMap<>();
    final Map<String, String> names = new HashMap<>();

    @BeforeAll
    void threePublishedAgents() throws Exception {
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        runtime = base + "/agent-runtime";
        admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        AgentFixtures.threeRoutedAgents(api, base, admin, agentIds, names);
    }

    @Test
    @Order(1)
    void aWrittenSetOfQuestionsIsRoutedToTheRightAgents() throws Exception {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/agent/routing-questions.tsv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
        int right = 0;
        List<String> wrong = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split("\t");
            TestApi.Response r = api.post(runtime + "/routing/try", admin, Map.of("question", parts[1]));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            if (r.json().get("agentId").asString().equals(agentIds.get(parts[0]))) {
                right++;
            } else {
                wrong.add(parts[1] + " → " + r.json().get("agentName").asString());
            }
        }
        double accuracy = (double) right / lines.size();
        System.out.printf("routing accuracy: %d/%d = %.1f %% (lexical persona evidence); misrouted: %s%n", right,
                lines.size(), accuracy * 100, wrong);
        assertThat(accuracy).as("misrouted: " + wrong).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    @Order(2)
    void aConversationMovesToTheFittingAgentSaysSoAndStaysForTheFollowUp() throws Exception {
        EventFeed events = EventFeed.follow(api, base + "/events?topics=intent.routed", admin);
        String conversation = api.post(base + "/conversations", admin, Map.of("agentId", agentIds.get("wohnen")))
                .json().get("id").asString();

        JsonNode moved = ask(conversation, "Wo melde ich ein Gewerbe an und was kostet die Gewerbeanmeldung?");
        assertThat(moved.get("content").asString()).startsWith("Wirtschaftsförderung übernimmt Ihre Frage.\n\n");
        assertThat(author(conversation)).isEqualTo(names.get("wirtschaft"));
        assertThat(lastRun().get("agentId").asString()).isEqualTo(agentIds.get("wirtschaft"));
        String routed = events.next("\"switched\":true", conversation);
        assertThat(routed).contains("\"agentId\":\"" + agentIds.get("wirtschaft") + "\"")
                .contains("\"fromAgentId\":\"" + agentIds.get("wohnen") + "\"").contains("\"method\":\"lexical\"");

        JsonNode followUp = ask(conversation, "Und bis wann muss ich das erledigen?");
        assertThat(followUp.get("content").asString()).doesNotContain("übernimmt Ihre Frage");
        assertThat(author(conversation)).isEqualTo(names.get("wirtschaft"));

        // streamed: the end event names the agent that answered
        TestApi.Response sse = api.post(base + "/conversations/" + conversation + "/messages", admin,
                Map.of("content", "Wie bekomme ich einen Kitaplatz für mein Kind?", "stream", true));
        assertThat(sse.status()).as(sse.body()).isEqualTo(200);
        JsonNode end = null;
        StringBuilder text = new StringBuilder();
        String name = null;
        for (String line : sse.body().split("\n")) {
            if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:") && "end".equals(name)) {
                end = TestApi.JSON.readTree(line.substring(5).strip());
            } else if (line.startsWith("data:") && "delta".equals(name)) {
                text.append(TestApi.JSON.readTree(line.substring(5).strip()).get("text").asString());
            }
        }
        assertThat(end).isNotNull();
        assertThat(end.get("agentId").asString()).isEqualTo(agentIds.get("familie"));
        assertThat(end.get("author").asString()).isEqualTo(names.get("familie"));
        assertThat(text.toString()).startsWith("Familie und Soziales übernimmt Ihre Frage.");
    }

    @Test
    @Order(3)
    void inEnglishTheNoteIsEnglish() {
        String conversation = api.post(base + "/conversations", admin, Map.of("agentId", agentIds.get("familie"), "locale", "en"))
                .json().get("id").asString();
        JsonNode moved = ask(conversation, "How do I register my Gewerbe (trade business) and what does the Gewerbeanmeldung cost?");
        assertThat(author(conversation)).isEqualTo(names.get("wirtschaft"));
        assertThat(moved.get("content").asString()).startsWith("Wirtschaftsförderung is taking over your question.");
    }

    @Test
    @Order(4)
    void withAModelTheRoutingCallDecides() {
        try (OpenAiStub model = new OpenAiStub()) {
            String provider = AgentFixtures.stubProvider(api, base, admin, model);
            try {
                // the routing call names agent 3 (Familie) although the words would say nothing; then that agent answers
                model.enqueue(ProviderStub.answer("3"), ProviderStub.answer("Dafür ist das Familienbüro da."));
                String conversation = api.post(base + "/conversations", admin, Map.of("agentId", agentIds.get("wohnen")))
                        .json().get("id").asString();
                JsonNode answer = ask(conversation, "Wer hilft mir weiter?");
                assertThat(author(conversation)).isEqualTo(names.get("familie"));
                assertThat(answer.get("content").asString()).isEqualTo(
                        "Familie und Soziales übernimmt Ihre Frage.\n\nDafür ist das Familienbüro da.");
                assertThat(lastRun().get("agentId").asString()).isEqualTo(agentIds.get("familie"));
            } finally {
                api.delete(base + "/llm/providers/" + provider, admin);
            }
        }
    }

    @Test
    @Order(5)
    void theRoutingCallIsBookedAndASpentBudgetRoutesByTheWordsAlone() {
        // the routing call of the test before was booked on the agent the conversation was with
        String wohnen = runtime + "/agents/" + agentIds.get("wohnen") + "/budget";
        long spent = api.get(wohnen, admin).json().get("spent").get("today").asLong();
        assertThat(spent).as("the routing call's tokens").isPositive();
        assertThat(api.put(wohnen, admin, Map.of("tokensPerDay", spent)).status()).isEqualTo(200);
        try (OpenAiStub model = new OpenAiStub()) {
            String provider = AgentFixtures.stubProvider(api, base, admin, model);
            try {
                // no routing call (its agent's budget is spent): the words decide, and the chosen agent answers
                model.enqueue(ProviderStub.answer("Das Gewerbeamt im Rathaus hilft Ihnen."));
                String conversation = api.post(base + "/conversations", admin, Map.of("agentId", agentIds.get("wohnen")))
                        .json().get("id").asString();
                JsonNode answer = ask(conversation, "Wo melde ich ein Gewerbe an und was kostet die Gewerbeanmeldung?");
                assertThat(author(conversation)).isEqualTo(names.get("wirtschaft"));
                assertThat(answer.get("content").asString()).endsWith("Das Gewerbeamt im Rathaus hilft Ihnen.");
                assertThat(model.chatRequests.get()).as("only the answering agent's call").isEqualTo(1);
                assertThat(api.get(wohnen, admin).json().get("spent").get("today").asLong()).isEqualTo(spent);
            } finally {
                api.delete(base + "/llm/providers/" + provider, admin);
                api.put(wohnen, admin, Map.of());
            }
        }
    }

    @Test
    @Order(6)
    void theRoutingCallCountsAgainstThePolicysCostCapInEur() {
        // the test profile prices agent-priced-model at 1 EUR per 1,000 input and 2 EUR per 1,000 output tokens
        String wohnenPolicy = runtime + "/agents/" + agentIds.get("wohnen") + "/policy";
        assertThat(api.put(wohnenPolicy, admin, Map.of("maxCostEurPerConversation", 0.05)).status()).isEqualTo(200);
        try (OpenAiStub model = new OpenAiStub()) {
            String provider = AgentFixtures.stubProvider(api, base, admin, model, "agent-priced-model");
            try {
                String conversation = api.post(base + "/conversations", admin, Map.of("agentId", agentIds.get("wohnen")))
                        .json().get("id").asString();
                // the routing call names no agent (the words decide: wohnen stays) and costs 0.102 EUR, booked on wohnen,
                // whose cap of 0.05 EUR is then spent: its own model call is not made
                model.enqueue(new ProviderStub.Answer(List.of("0"), 100, 1, null));
                JsonNode first = ask(conversation, "Wie melde ich meinen Wohnsitz um?");
                assertThat(author(conversation)).isEqualTo(names.get("wohnen"));
                assertThat(first.get("content").asString()).isEqualTo("Für dieses Gespräch ist das Kontingent des Assistenten "
                        + "aufgebraucht. Bitte beginnen Sie ein neues Gespräch oder wenden Sie sich direkt an die Verwaltung.");
                assertThat(first.get("finishReason").asString()).isEqualTo("refused");
                assertThat(lastRun().get("errorCode").asString()).isEqualTo("budget_exceeded");
                assertThat(model.chatRequests.get()).as("the routing call only").isEqualTo(1);
                // the next question: no routing call (wohnen's cap is spent), the words route it, wirtschaft answers
                model.enqueue(ProviderStub.answer("Das Gewerbeamt im Rathaus hilft Ihnen."));
                JsonNode second = ask(conversation, "Wo melde ich ein Gewerbe an und was kostet die Gewerbeanmeldung?");
                assertThat(author(conversation)).isEqualTo(names.get("wirtschaft"));
                assertThat(second.get("content").asString()).endsWith("Das Gewerbeamt im Rathaus hilft Ihnen.");
                assertThat(model.chatRequests.get()).as("and the answering agent's call").isEqualTo(2);
            } finally {
                api.delete(base + "/llm/providers/" + provider, admin);
                api.put(wohnenPolicy, admin, Map.of());
            }
        }
    }

    @Test
    @Order(7)
    void badRoutingSettingsAreRefused() {
        assertThat(api.put(runtime + "/routing", admin, Map.of("enabled", true, "agentIds",
                List.of(java.util.UUID.randomUUID().toString()))).code()).isEqualTo("validation_failed");
        assertThat(api.post(runtime + "/routing/try", admin, Map.of("question", "")).status()).isEqualTo(400);
        String editor = api.userToken(base.substring(base.lastIndexOf('/') + 1), Role.EDITOR);
        assertThat(api.put(runtime + "/routing", editor, Map.of("enabled", false)).status()).isEqualTo(403);
    }

    @Test
    @Order(8)
    void theRoutingPageSeesParticipantsAndRecentDecisionsOfItsTenantOnly() {
        JsonNode participants = api.get(runtime + "/routing/participants", admin).json();
        assertThat(participants.valueStream().map(p -> p.get("name").asString()).toList())
                .containsExactlyInAnyOrderElementsOf(names.values());
        assertThat(participants.valueStream().allMatch(p -> p.get("takesPart").asBoolean())).isTrue();

        String conversation = api.post(base + "/conversations", admin, Map.of("agentId", agentIds.get("wohnen")))
                .json().get("id").asString();
        ask(conversation, "Wo melde ich ein Gewerbe an? Bitte an erika.muster@example.org schreiben.");
        TestApi.Response decisions = api.get(runtime + "/routing/decisions?size=5", admin);
        assertThat(decisions.status()).as(decisions.body()).isEqualTo(200);
        JsonNode latest = decisions.json().get("items").get(0);
        assertThat(latest.get("conversationId").asString()).isEqualTo(conversation);
        assertThat(latest.get("question").asString()).startsWith("Wo melde ich ein Gewerbe an?")
                .doesNotContain("erika.muster@example.org");
        assertThat(latest.get("agentName").asString()).isEqualTo(names.get("wirtschaft"));
        assertThat(latest.get("fromAgentName").asString()).isEqualTo(names.get("wohnen"));
        assertThat(latest.get("switched").asBoolean()).isTrue();
        assertThat(latest.get("method").asString()).isEqualTo("lexical");
        assertThat(decisions.json().get("total").asLong()).isGreaterThanOrEqualTo(1);

        // citizens' questions: tenant admins only; another tenant sees nothing of them
        String slug = base.substring(base.lastIndexOf('/') + 1);
        assertThat(api.get(runtime + "/routing/decisions", api.userToken(slug, Role.EDITOR)).status()).isEqualTo(403);
        assertThat(api.get(runtime + "/routing/participants", api.userToken(slug, Role.VIEWER)).status()).isEqualTo(200);
        String other = api.userToken(api.createTenant().slug(), Role.TENANT_ADMIN);
        assertThat(api.get(runtime + "/routing/decisions", other).status()).isEqualTo(404);
        assertThat(api.get(runtime + "/routing/participants", other).status()).isEqualTo(404);
        assertThat(api.get(runtime + "/routing/decisions?size=500", admin).status()).isEqualTo(400);
    }

    private JsonNode ask(String conversation, String question) {
        TestApi.Response r = api.post(base + "/conversations/" + conversation + "/messages", admin, Map.of("content", question));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("message");
    }

    private String author(String conversation) {
        JsonNode messages = api.get(base + "/conversations/" + conversation, admin).json().get("messages");
        return messages.get(messages.size() - 1).get("author").asString();
    }

    private JsonNode lastRun() {
        return api.get(runtime + "/runs?size=1", admin).json().get("items").get(0);
    }
}
