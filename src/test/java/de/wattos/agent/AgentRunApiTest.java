package de.wattos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import de.wattos.IntegrationTest;
import de.wattos.agent.internal.run.ApprovalDecisions;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Agents that act, end to end over HTTP: a model (a loopback server speaking OpenAI's wire protocol) calls tools,
 * the loop records every step, the policy limits steps and asks people for approval; without a model the tools
 * are used deterministically.
 */
@IntegrationTest
class AgentRunApiTest {

    static final String HUNDESTEUER = """
            Hundesteuer

            Wer in der Stadt einen Hund hält, muss ihn innerhalb von zwei Wochen beim Steueramt anmelden. Die Hundesteuer \
            beträgt 100 Euro im Jahr für den ersten Hund und 150 Euro für jeden weiteren Hund.
            """;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApprovalDecisions decisions;
    TestApi api;
    TestApi.Tenant tenant;
    String admin;
    String base;
    OpenAiStub model;
    HttpServer outside;
    final Map<String, String> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        api = new TestApi(port);
        tenant = api.createTenant();
        admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        base = "/api/v1/tenants/" + tenant.slug() + "/agent-runtime";
        outside = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        outside.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        outside.createContext("/status", ex -> {
            seen.put("query", String.valueOf(ex.getRequestURI().getRawQuery()));
            byte[] body = "{\"state\":\"in Bearbeitung\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        outside.start();
        api.post(base + "/services", admin, Map.of("name", "Hundesteuer – Anmeldung eines Hundes", "kind", "form",
                "url", "https://www.example.de/hund", "office", "Steueramt", "keywords", List.of("Hund", "Hundemarke")));
        String tools = api.post(base + "/tools", admin, Map.of("name", "antrag_status", "type", "http_request",
                "description", "Bearbeitungsstand eines Antrags", "secrets", Map.of("token", "s3cr3t-token-4711"),
                "config", Map.of("url", "http://127.0.0.1:" + outside.getAddress().getPort() + "/status?case={{caseId}}",
                        "headers", Map.of("Authorization", "Bearer {{secret.token}}"), "allowedHosts", List.of("127.0.0.1"),
                        "parameters", Map.of("type", "object", "properties", Map.of("caseId", Map.of("type", "string")),
                                "required", List.of("caseId"))))).body();
        assertThat(tools).contains("antrag_status");
    }

    @AfterEach
    void tearDown() {
        outside.stop(0);
        if (model != null) {
            model.close();
        }
    }

    private void withModel() {
        model = new OpenAiStub();
        Map<String, Object> provider = new HashMap<>();
        provider.put("name", "stub");
        provider.put("type", "openai");
        provider.put("baseUrl", model.baseUri().toString());
        provider.put("apiKey", "sk-stub");
        provider.put("defaultModel", "gpt-stub");
        provider.put("piiProtection", true);
        TestApi.Response r = api.post("/api/v1/tenants/" + tenant.slug() + "/llm/providers", admin, provider);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private void withDocument() throws InterruptedException {
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String t = "/api/v1/tenants/" + tenant.slug();
        UUID space = UUID.fromString(api.post(t + "/spaces", editor, Map.of("name", "Bürgerservice")).json().get("id").asString());
        TestApi.Response upload = api.multipart(t + "/spaces/" + space + "/documents", editor, "files",
                Map.of("hundesteuer.txt", HUNDESTEUER.getBytes(StandardCharsets.UTF_8)));
        String doc = upload.json().get("items").get(0).get("id").asString();
        long deadline = System.currentTimeMillis() + 120_000;
        while (!"indexed".equals(api.get(t + "/documents/" + doc, editor).json().path("status").asString())) {
            assertThat(System.currentTimeMillis()).as("indexing").isLessThan(deadline);
            Thread.sleep(100);
        }
        // the search index may show a new document a moment after its status says indexed
        while (!api.post(base + "/tools/knowledge_search/invoke", admin, Map.of("arguments", Map.of("query", "Hundesteuer")))
                .body().contains("100 Euro")) {
            assertThat(System.currentTimeMillis()).as("searchable").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private void policy(Map<String, Object> policy) {
        TestApi.Response r = api.put(base + "/policy", admin, policy);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private JsonNode run(String question) {
        TestApi.Response r = api.post(base + "/runs", admin, Map.of("question", question));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static ProviderStub.Calls calls(String... nameAndArguments) {
        List<ProviderStub.StubCall> list = new ArrayList<>();
        for (int i = 0; i < nameAndArguments.length; i += 2) {
            list.add(new ProviderStub.StubCall("call_" + i, nameAndArguments[i], List.of(nameAndArguments[i + 1])));
        }
        return new ProviderStub.Calls(list);
    }

    private static List<String> tools(JsonNode run) {
        List<String> out = new ArrayList<>();
        run.get("steps").forEach(s -> out.add(s.get("kind").asString() + ":" + s.path("tool").asString("") + ":" + s.get("outcome").asString()));
        return out;
    }

    @Test
    void aRunCallsTwoToolsInParallelAndAnswersWithCitations() throws Exception {
        withDocument();
        withModel();
        model.enqueue(calls("knowledge_search", "{\"query\":\"Hundesteuer\"}", "service_link", "{\"query\":\"Hund anmelden, Rückmeldung an max.mustermann@example.org\"}"),
                ProviderStub.answer("Die Hundesteuer beträgt 100 Euro im Jahr [1][2]."));
        JsonNode run = run("Wie hoch ist die Hundesteuer und wo melde ich meinen Hund an?");
        assertThat(run.get("status").asString()).isEqualTo("completed");
        assertThat(run.get("mode").asString()).isEqualTo("model");
        assertThat(run.get("answer").asString()).contains("100 Euro");
        assertThat(tools(run)).containsExactlyInAnyOrder("model::ok", "tool:knowledge_search:ok", "tool:service_link:ok", "model::ok");
        assertThat(run.get("citations").size()).as(run.toString()).isEqualTo(2);
        JsonNode second = model.received.stream().filter(r -> r.path().endsWith("/chat/completions")).toList().get(1).json();
        List<String> toolContents = new ArrayList<>();
        second.get("messages").forEach(m -> {
            if ("tool".equals(m.get("role").asString())) {
                toolContents.add(m.get("content").asString());
            }
        });
        assertThat(String.join("\n", toolContents)).contains("100 Euro").contains("https://www.example.de/hund");
        assertThat(second.get("tools").size()).isEqualTo(4);
        String recorded = jdbc.sql("select string_agg(coalesce(arguments, ''), ' ') from agent_steps where run_id = :r")
                .param("r", UUID.fromString(run.get("id").asString())).query(String.class).single();
        assertThat(recorded).doesNotContain("max.mustermann@example.org").contains("[EMAIL_1]").contains("Hundesteuer");
    }

    @Test
    void theStepLimitEndsALoopingModel() {
        withModel();
        policy(Map.of("maxSteps", 2));
        model.always(calls("current_time", "{}"));
        JsonNode run = run("Welcher Tag ist heute?");
        assertThat(run.get("status").asString()).isEqualTo("completed");
        assertThat(run.get("errorCode").asString()).isEqualTo("step_limit");
        assertThat(tools(run)).containsExactly("model::ok", "tool:current_time:ok", "model::ok", "tool:current_time:ok", "model::ok");
        assertThat(model.lastChat().json().has("tools")).as("the last call offers no tools").isFalse();
    }

    @Test
    void badToolCallsGoBackToTheModelAsErrors() {
        withModel();
        model.enqueue(calls("knowledge_search", "{\"q\": 5}", "no_such_tool", "{}", "service_link", "{not json"),
                ProviderStub.answer("Entschuldigung."));
        JsonNode run = run("Hundesteuer?");
        assertThat(run.get("status").asString()).isEqualTo("completed");
        assertThat(tools(run)).contains("tool:knowledge_search:invalid_arguments", "tool:no_such_tool:not_allowed",
                "tool:service_link:invalid_arguments");
        String second = model.lastChat().body();
        assertThat(second).contains("arguments.query is required").contains("not available").contains("not a JSON object");
    }

    @Test
    void approvalPausesTheRunAndApprovingWithEditedArgumentsResumesIt() {
        withModel();
        policy(Map.of("allowedTools", List.of("knowledge_search", "antrag_status"), "approvalTools", List.of("antrag_status")));
        model.enqueue(calls("antrag_status", "{\"caseId\":\"A-1\"}"), ProviderStub.answer("Ihr Antrag ist in Bearbeitung."));
        JsonNode paused = run("Wie ist der Stand meines Antrags A-1? Meine Mail: max.mustermann@example.org");
        assertThat(paused.get("status").asString()).isEqualTo("awaiting_approval");
        assertThat(paused.get("answer").asString()).isEqualTo("Ihre Anfrage wird von einem Mitarbeiter geprüft.");
        assertThat(seen).doesNotContainKey("query");

        JsonNode inbox = api.get(base + "/approvals?status=pending", admin).json().get("items");
        assertThat(inbox.size()).isEqualTo(1);
        JsonNode approval = inbox.get(0);
        assertThat(approval.get("calls").get(0).get("name").asString()).isEqualTo("antrag_status");
        String callId = approval.get("calls").get(0).get("id").asString();

        TestApi.Response resumed = api.post(base + "/approvals/" + approval.get("id").asString() + "/approve", admin,
                Map.of("arguments", Map.of(callId, Map.of("caseId", "A-2")), "note", "Aktenzeichen korrigiert"));
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().get("status").asString()).isEqualTo("completed");
        assertThat(resumed.json().get("answer").asString()).isEqualTo("Ihr Antrag ist in Bearbeitung.");
        assertThat(seen.get("query")).isEqualTo("case=A-2");
        assertThat(tools(resumed.json())).contains("tool:antrag_status:awaiting_approval", "tool:antrag_status:ok");
        assertThat(api.post(base + "/approvals/" + approval.get("id").asString() + "/deny", admin, Map.of()).status()).isEqualTo(409);

        // secrets and personal data stay out of the records
        String records = jdbc.sql("select string_agg(coalesce(arguments, ''), ' ') from agent_steps where tenant_id = :t")
                .param("t", tenant.id()).query(String.class).single()
                + jdbc.sql("select string_agg(state::text, ' ') from agent_runs where tenant_id = :t").param("t", tenant.id())
                        .query(String.class).single();
        assertThat(records).doesNotContain("s3cr3t-token-4711");
        String audit = api.get("/api/v1/tenants/" + tenant.slug() + "/audit?size=100", admin).body();
        assertThat(audit).contains("agent.approval.approved").contains("agent.approval.requested");
    }

    @Test
    void denyAndTimeoutEndTheRunPolitely() {
        withModel();
        policy(Map.of("allowedTools", List.of("antrag_status"), "approvalTools", List.of("antrag_status")));
        model.always(calls("antrag_status", "{\"caseId\":\"A-1\"}"));
        JsonNode first = run("Stand von A-1?");
        JsonNode second = run("Stand von A-1, bitte?");
        List<String> ids = new ArrayList<>();
        api.get(base + "/approvals?status=pending", admin).json().get("items").forEach(a -> ids.add(a.get("id").asString()));
        assertThat(ids).hasSize(2);

        TestApi.Response denied = api.post(base + "/approvals/" + ids.get(1) + "/deny", admin, Map.of("note", "nicht zulässig"));
        assertThat(denied.json().get("id").asString()).isEqualTo(first.get("id").asString());
        assertThat(denied.json().get("answer").asString()).contains("nicht freigegeben");
        assertThat(denied.json().get("errorCode").asString()).isEqualTo("approval_denied");

        jdbc.sql("update agent_approvals set expires_at = now() - interval '1 minute' where id = :id")
                .param("id", UUID.fromString(ids.get(0))).update();
        decisions.expireOverdue();
        JsonNode expired = api.get(base + "/runs/" + second.get("id").asString(), admin).json();
        assertThat(expired.get("status").asString()).isEqualTo("completed");
        assertThat(expired.get("errorCode").asString()).isEqualTo("approval_expired");
        assertThat(expired.get("answer").asString()).contains("nicht rechtzeitig");
        assertThat(seen).doesNotContainKey("query");
    }

    @Test
    void withoutAModelTheToolsAreUsedDeterministically() throws Exception {
        withDocument();
        JsonNode run = run("Ich habe einen neuen Hund. Wo melde ich ihn an?");
        assertThat(run.get("mode").asString()).isEqualTo("extractive");
        assertThat(run.get("status").asString()).isEqualTo("completed");
        assertThat(run.get("answer").asString()).startsWith("Dafür gibt es die Leistung „Hundesteuer – Anmeldung eines Hundes“: https://www.example.de/hund");
        // the two planned tools run as one turn, in parallel; the extractive answerer composes last
        assertThat(tools(run)).containsExactlyInAnyOrder("tool:service_link:ok", "tool:knowledge_search:ok", "model::ok");
        assertThat(tools(run).getLast()).isEqualTo("model::ok");
        assertThat(run.get("citations").get(0).get("url").asString()).isEqualTo("https://www.example.de/hund");

        JsonNode handoff = run("Ich möchte bitte mit einem Mitarbeiter sprechen.");
        assertThat(handoff.get("status").asString()).isEqualTo("handed_over");
        assertThat(tools(handoff)).containsExactly("tool:handoff_to_human:ok");
    }

    @Test
    void policiesAreCheckedAndRunsOfOtherTenantsAreInvisible() {
        assertThat(api.put(base + "/policy", admin, Map.of("allowedTools", List.of("no_such_tool"))).code()).isEqualTo("validation_failed");
        assertThat(api.put(base + "/policy", admin, Map.of("allowedTools", List.of("current_time"),
                "approvalTools", List.of("knowledge_search"))).code()).isEqualTo("validation_failed");
        assertThat(api.put(base + "/policy", admin, Map.of("maxSteps", 99)).code()).isEqualTo("validation_failed");
        policy(Map.of("refusedTopics", List.of("Kommunalwahl")));
        JsonNode refused = run("Wen soll ich bei der Kommunalwahl wählen?");
        assertThat(refused.get("errorCode").asString()).isEqualTo("refused_topic");
        assertThat(api.post(base + "/runs", admin, Map.of("question", " ")).code()).isEqualTo("validation_failed");
        assertThat(api.post(base + "/runs", admin, Map.of("question", "x", "agentId", UUID.randomUUID())).status()).isEqualTo(404);

        TestApi.Tenant other = api.createTenant();
        String otherAdmin = api.userToken(other.slug(), Role.TENANT_ADMIN);
        assertThat(api.get("/api/v1/tenants/" + other.slug() + "/agent-runtime/runs/" + refused.get("id").asString(), otherAdmin)
                .status()).isEqualTo(404);
    }
}
