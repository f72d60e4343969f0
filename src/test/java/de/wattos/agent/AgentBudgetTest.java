package de.wattos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub;
import de.wattos.support.TestApi;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * Cost caps of the agent runtime over HTTP: an agent's daily token cap is checked before the model call; the call that
 * crosses it is announced ({@code compliance.budget.reached}); then API callers get a problem (429, German or English)
 * and a citizen in a conversation a plain statement; the tenant's own cap works the same for runs without an agent.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentBudgetTest {

    @LocalServerPort
    int port;
    TestApi api;
    String base;
    String runtime;
    String admin;
    String agentId;
    OpenAiStub model;

    @BeforeAll
    void agentWithModel() throws Exception {
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        runtime = base + "/agent-runtime";
        admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        agentId = AgentFixtures.agent(api, base, admin).get("id").asString();
        model = new OpenAiStub();
        Map<String, Object> provider = new HashMap<>();
        provider.put("name", "stub");
        provider.put("type", "openai");
        provider.put("baseUrl", model.baseUri().toString());
        provider.put("apiKey", "sk-stub");
        provider.put("defaultModel", "gpt-stub");
        TestApi.Response created = api.post(base + "/llm/providers", admin, provider);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    void close() {
        model.close();
    }

    @Test
    @Order(1)
    void anAgentsDailyCapStopsItsRunsOnceSpent() throws Exception {
        BlockingQueue<String> events = follow(base + "/events?topics=compliance.budget.reached");
        TestApi.Response put = api.put(runtime + "/agents/" + agentId + "/budget", admin, Map.of("tokensPerDay", 40));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("budget").get("tokensPerDay").asLong()).isEqualTo(40);
        assertThat(put.json().get("spent").get("today").asLong()).isZero();

        // the first call is allowed (nothing spent yet) and books the provider's count: 42 in + 2 out
        model.enqueue(ProviderStub.answer("Guten ", "Tag."));
        TestApi.Response first = api.post(runtime + "/runs", admin, Map.of("agentId", agentId, "question", "Hallo?"));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("answer").asString()).isEqualTo("Guten Tag.");
        String reached = next(events, "budget.reached", agentId);
        assertThat(reached).contains("\"scope\":\"agent\"", "\"period\":\"day\"", "\"limitTokens\":40", "\"spentTokens\":44");
        assertThat(api.get(runtime + "/agents/" + agentId + "/budget", admin).json().get("spent").get("today").asLong())
                .isEqualTo(44);

        TestApi.Response refused = api.post(runtime + "/runs", admin, Map.of("agentId", agentId, "question", "Noch eine Frage?"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("budget_exceeded");
        assertThat(refused.json().get("detail").asString()).isEqualTo("Das tägliche Token-Kontingent dieses Agenten ist aufgebraucht.");
        assertThat(refused.json().get("retryAfterSeconds").asLong()).isBetween(1L, 25L * 3600);
        TestApi.Response english = api.send(api.builder(runtime + "/runs", admin).header("Content-Type", "application/json")
                .header("Accept-Language", "en").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"agentId\":\"" + agentId + "\",\"question\":\"One more?\"}")));
        assertThat(english.status()).isEqualTo(429);
        assertThat(english.json().get("detail").asString()).isEqualTo("This agent's daily token budget is spent.");
    }

    @Test
    @Order(2)
    void aCitizenInAConversationIsToldPlainly() {
        String conversation = api.post(base + "/conversations", admin, Map.of("agentId", agentId)).json().get("id").asString();
        TestApi.Response r = api.post(base + "/conversations/" + conversation + "/messages", admin,
                Map.of("content", "Wann hat das Rathaus geöffnet?"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode message = r.json().get("message");
        assertThat(message.get("content").asString()).isEqualTo("Der Assistent hat sein Kontingent für heute aufgebraucht. "
                + "Bitte versuchen Sie es morgen wieder oder wenden Sie sich direkt an die Verwaltung.");
        assertThat(message.get("finishReason").asString()).isEqualTo("refused");
        JsonNode run = api.get(runtime + "/runs?size=1", admin).json().get("items").get(0);
        assertThat(run.get("errorCode").asString()).isEqualTo("budget_exceeded");
        List<String> kinds = run.get("steps").valueStream().map(s -> s.get("kind").asString()).toList();
        assertThat(kinds).doesNotContain("model");
        api.put(runtime + "/agents/" + agentId + "/budget", admin, Map.of());
    }

    @Test
    @Order(3)
    void theTenantsCapCoversRunsWithoutAnAgentToo() {
        TestApi.Response put = api.put(runtime + "/budget", admin, Map.of("tokensPerMonth", 10));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("spent").get("month").asLong()).isGreaterThanOrEqualTo(44);
        try {
            TestApi.Response refused = api.post(runtime + "/runs", admin, Map.of("question", "Hallo?"));
            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.json().get("detail").asString()).isEqualTo("Das monatliche Token-Kontingent des Mandanten ist aufgebraucht.");
        } finally {
            api.put(runtime + "/budget", admin, Map.of());
        }
        model.enqueue(ProviderStub.answer("Wieder da."));
        assertThat(api.post(runtime + "/runs", admin, Map.of("question", "Hallo?")).status()).isEqualTo(201);
    }

    @Test
    @Order(4)
    void badBudgetsAreRefused() {
        assertThat(api.put(runtime + "/budget", admin, Map.of("tokensPerDay", 0)).code()).isEqualTo("validation_failed");
        assertThat(api.put(runtime + "/budget", admin, Map.of("tokensPerDay", "viel")).status()).isEqualTo(400);
        assertThat(api.put(runtime + "/agents/" + java.util.UUID.randomUUID() + "/budget", admin, Map.of()).status()).isEqualTo(404);
        String editor = api.userToken(base.substring(base.lastIndexOf('/') + 1), Role.EDITOR);
        assertThat(api.put(runtime + "/budget", editor, Map.of("tokensPerDay", 5)).status()).isEqualTo(403);
        assertThat(api.get(runtime + "/budget", editor).status()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void aBlankModelAnswerReadsAsTheAgentsOwnNoAnswerText() {
        String characterId = api.get(base + "/agents/" + agentId, admin).json().get("agent").get("characterId").asString();
        String own = api.get(base + "/characters/" + characterId, admin).json().findValue("noAnswerText").asString();
        assertThat(own).isNotBlank();
        model.enqueue(ProviderStub.answer(" "));
        TestApi.Response run = api.post(runtime + "/runs", admin, Map.of("agentId", agentId, "question", "Hallo?"));
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        assertThat(run.json().get("answer").asString()).isEqualTo(own);
    }

    private BlockingQueue<String> follow(String path) throws Exception {
        HttpResponse<InputStream> stream = api.http().send(api.builder(path, admin).timeout(Duration.ofMinutes(3))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("data:")) {
                        events.add(line.substring(5).strip());
                    }
                }
            } catch (Exception closed) {
                // the stream ends with the test
            }
        });
        return events;
    }

    private static String next(BlockingQueue<String> events, String... parts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String e = events.poll(1, TimeUnit.SECONDS);
            if (e != null && List.of(parts).stream().allMatch(e::contains)) {
                return e;
            }
        }
        throw new AssertionError("no event with " + List.of(parts));
    }
}
