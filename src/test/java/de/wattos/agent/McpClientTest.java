package de.wattos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub;
import de.wattos.support.TestApi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Agents use the tools of a tenant's external MCP server, end to end over real HTTP: the server is WattOS's own
 * {@code /mcp} on loopback (reached directly, or through a relay that can stall tool calls, redirect, or vanish).
 * The model is a loopback OpenAI stub that asks for the MCP tool; policy and approvals apply to it by name, every
 * call is recorded, failures reach the model as errors, the bearer token is never shown or stored in plain, and
 * another tenant sees none of it.
 */
@IntegrationTest
class McpClientTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    TestApi api;
    TestApi.Tenant tenant;
    String admin;
    String base;
    String key;
    OpenAiStub model;
    HttpServer relay;
    final AtomicReference<String> relayMode = new AtomicReference<>("pass");
    final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void setUp() throws Exception {
        api = new TestApi(port);
        tenant = api.createTenant();
        admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        base = "/api/v1/tenants/" + tenant.slug() + "/agent-runtime";
        key = api.apiKey(tenant.slug(), Role.VIEWER);
        relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        relay.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        relay.createContext("/mcp", this::relayed);
        relay.start();
    }

    @AfterEach
    void tearDown() {
        released.countDown();
        relay.stop(0);
        if (model != null) {
            model.close();
        }
    }

    /** Forwards MCP requests to WattOS's /mcp, except what the current mode changes. */
    private void relayed(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        String mode = relayMode.get();
        if (mode.equals("redirect")) {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/mcp");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
            return;
        }
        if (mode.equals("stall") && text.contains("tools/call")) {
            try {
                released.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : List.of("Authorization", "Accept", "Content-Type", "Mcp-Protocol-Version", "Mcp-Session-Id")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                forward.header(header, value);
            }
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
            answer.headers().firstValue("Mcp-Session-Id").ifPresent(v -> exchange.getResponseHeaders().add("Mcp-Session-Id", v));
            byte[] out = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        }
        exchange.close();
    }

    private String relayUrl() {
        return "http://127.0.0.1:" + relay.getAddress().getPort() + "/mcp";
    }

    private void withModel() {
        model = new OpenAiStub();
        Map<String, Object> provider = new HashMap<>();
        provider.put("name", "stub");
        provider.put("type", "openai");
        provider.put("baseUrl", model.baseUri().toString());
        provider.put("apiKey", "sk-stub");
        provider.put("defaultModel", "gpt-stub");
        TestApi.Response r = api.post("/api/v1/tenants/" + tenant.slug() + "/llm/providers", admin, provider);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private void withDocument() throws InterruptedException {
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String t = "/api/v1/tenants/" + tenant.slug();
        String space = api.post(t + "/spaces", editor, Map.of("name", "Bürgerservice")).json().get("id").asString();
        TestApi.Response upload = api.multipart(t + "/spaces/" + space + "/documents", editor, "files",
                Map.of("hundesteuer.txt", AgentRunApiTest.HUNDESTEUER.getBytes(StandardCharsets.UTF_8)));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 120_000;
        while (!api.post(t + "/search", editor, Map.of("query", "Hundesteuer")).body().contains("100 Euro")) {
            assertThat(System.currentTimeMillis()).as("searchable in time").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private TestApi.Response register(String name, String url, List<String> tools, int timeoutMs) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("url", url);
        body.put("token", key);
        body.put("tools", tools);
        body.put("timeoutMs", timeoutMs);
        return api.post(base + "/mcp-servers", admin, body);
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

    private static ProviderStub.Calls call(String name, String arguments) {
        return new ProviderStub.Calls(List.of(new ProviderStub.StubCall("call_1", name, List.of(arguments))));
    }

    private static List<String> steps(JsonNode run) {
        List<String> out = new ArrayList<>();
        run.get("steps").forEach(s -> out.add(s.get("kind").asString() + ":" + s.path("tool").asString("") + ":"
                + s.get("outcome").asString() + (s.path("errorCode").isString() ? ":" + s.get("errorCode").asString() : "")));
        return out;
    }

    @Test
    void anAgentCallsAToolOfTheTenantsMcpServerAndTheTokenStaysSealed() throws Exception {
        withDocument();
        TestApi.Response created = register("wattos", "http://127.0.0.1:" + port + "/mcp", List.of("wattos_search"), 30_000);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(key);
        assertThat(created.json().get("tokenHint").asString()).isEqualTo("••••");
        assertThat(created.body()).doesNotContain(key.substring(key.length() - 4));
        assertThat(created.json().get("tools").get(0).get("name").asString()).isEqualTo("wattos__wattos_search");
        String id = created.json().get("id").asString();

        JsonNode offered = api.get(base + "/mcp-servers/" + id + "/offered-tools", admin).json().get("tools");
        List<String> offeredNames = new ArrayList<>();
        offered.forEach(t -> offeredNames.add(t.get("remoteName").asString() + "=" + t.get("picked").asBoolean()));
        assertThat(offeredNames).containsExactlyInAnyOrder("wattos_search=true", "wattos_answer=false");
        assertThat(api.get(base + "/tools", admin).json().get("available").toString()).contains("wattos__wattos_search");

        withModel();
        policy(Map.of("allowedTools", List.of("knowledge_search", "wattos__wattos_search")));
        model.enqueue(call("wattos__wattos_search", "{\"query\":\"Hundesteuer\",\"limit\":2}"),
                ProviderStub.answer("Die Hundesteuer beträgt 100 Euro im Jahr."));
        JsonNode run = run("Wie hoch ist die Hundesteuer?");
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("completed");
        assertThat(steps(run)).containsExactly("model::ok", "tool:wattos__wattos_search:ok", "model::ok");
        assertThat(model.lastChat().body()).contains("100 Euro").contains("wattos__wattos_search");

        // arguments that miss the schema the server published go back to the model, the server is not asked
        model.enqueue(call("wattos__wattos_search", "{\"limit\":2}"), ProviderStub.answer("Entschuldigung."));
        JsonNode invalid = run("Hundesteuer?");
        assertThat(steps(invalid)).contains("tool:wattos__wattos_search:invalid_arguments:invalid_arguments");
        assertThat(model.lastChat().body()).contains("arguments.query is required");

        String stored = jdbc.sql("select secrets from agent_mcp_servers where id = :id").param("id", UUID.fromString(id))
                .query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain(key);
        String records = jdbc.sql("select string_agg(coalesce(arguments, '') || coalesce(error_code, ''), ' ') from agent_steps where tenant_id = :t")
                .param("t", tenant.id()).query(String.class).single()
                + jdbc.sql("select string_agg(state::text, ' ') from agent_runs where tenant_id = :t").param("t", tenant.id())
                        .query(String.class).single()
                + api.get("/api/v1/tenants/" + tenant.slug() + "/audit?size=100", admin).body()
                + api.get(base + "/mcp-servers", admin).body();
        assertThat(records).doesNotContain(key);
        assertThat(api.get("/api/v1/tenants/" + tenant.slug() + "/audit?size=100", admin).body()).contains("agent.mcp_server.created");
    }

    @Test
    void approvalRulesApplyToMcpToolsByName() throws Exception {
        withDocument();
        assertThat(register("wattos", "http://127.0.0.1:" + port + "/mcp", List.of("wattos_search"), 30_000).status()).isEqualTo(201);
        withModel();
        policy(Map.of("allowedTools", List.of("wattos__wattos_search"), "approvalTools", List.of("wattos__wattos_search")));
        model.enqueue(call("wattos__wattos_search", "{\"query\":\"Hundesteuer\"}"), ProviderStub.answer("100 Euro im Jahr."));
        JsonNode paused = run("Hundesteuer?");
        assertThat(paused.get("status").asString()).isEqualTo("awaiting_approval");
        JsonNode approval = api.get(base + "/approvals?status=pending", admin).json().get("items").get(0);
        assertThat(approval.get("calls").get(0).get("name").asString()).isEqualTo("wattos__wattos_search");
        TestApi.Response resumed = api.post(base + "/approvals/" + approval.get("id").asString() + "/approve", admin, Map.of());
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().get("status").asString()).isEqualTo("completed");
        assertThat(steps(resumed.json())).contains("tool:wattos__wattos_search:awaiting_approval", "tool:wattos__wattos_search:ok");
        assertThat(model.lastChat().body()).contains("100 Euro");
    }

    @Test
    void aStallingOrVanishedServerIsRecordedPerCallAndNeverAnswers500() throws Exception {
        TestApi.Response created = register("relay", relayUrl(), List.of("wattos_search"), 1_000);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        withModel();
        policy(Map.of("allowedTools", List.of("relay__wattos_search")));

        relayMode.set("stall");
        model.enqueue(call("relay__wattos_search", "{\"query\":\"Hundesteuer\"}"), ProviderStub.answer("Das weiß ich gerade nicht."));
        JsonNode stalled = run("Hundesteuer?");
        assertThat(stalled.get("status").asString()).isEqualTo("completed");
        assertThat(steps(stalled)).contains("tool:relay__wattos_search:timeout:timeout");
        assertThat(model.lastChat().body()).contains("did not answer within 1000 ms");
        TestApi.Response tried = api.post(base + "/tools/relay__wattos_search/invoke", admin, Map.of("arguments", Map.of("query", "x")));
        assertThat(tried.status()).isEqualTo(200);
        assertThat(tried.json().get("outcome").asString()).isEqualTo("timeout");

        relayMode.set("redirect");
        TestApi.Response redirected = api.get(base + "/mcp-servers/" + created.json().get("id").asString() + "/offered-tools", admin);
        assertThat(redirected.status()).as("a redirect is not followed").isEqualTo(502);

        relay.stop(0);
        model.enqueue(call("relay__wattos_search", "{\"query\":\"Hundesteuer\"}"), ProviderStub.answer("Das weiß ich gerade nicht."));
        JsonNode gone = run("Hundesteuer?");
        assertThat(gone.get("status").asString()).isEqualTo("completed");
        assertThat(steps(gone)).contains("tool:relay__wattos_search:error:mcp_unreachable");
        TestApi.Response offered = api.get(base + "/mcp-servers/" + created.json().get("id").asString() + "/offered-tools", admin);
        assertThat(offered.status()).isEqualTo(502);
        assertThat(offered.code()).isEqualTo("mcp_unreachable");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        TestApi.Response unreachable = register("nowhere", "http://127.0.0.1:" + closed + "/mcp", List.of("wattos_search"), 1_000);
        assertThat(unreachable.status()).isEqualTo(502);
        assertThat(unreachable.code()).isEqualTo("mcp_unreachable");
        assertThat(register("nowhere", "http://127.0.0.1:" + closed + "/mcp", List.of(), 1_000).status()).isEqualTo(201);
    }

    @Test
    void badInputIsRefusedAndAnotherTenantSeesNothing() {
        assertThat(register("Bad Name", "http://127.0.0.1:" + port + "/mcp", List.of(), 1_000).code()).isEqualTo("validation_failed");
        assertThat(register("files", "file:///etc/passwd", List.of(), 1_000).code()).isEqualTo("validation_failed");
        assertThat(register("slow", "http://127.0.0.1:" + port + "/mcp", List.of(), 999_999).code()).isEqualTo("validation_failed");
        assertThat(register("wattos", "http://127.0.0.1:" + port + "/mcp", List.of("no_such_tool"), 30_000).code())
                .isEqualTo("validation_failed");
        TestApi.Response created = register("wattos", "http://127.0.0.1:" + port + "/mcp", List.of(), 30_000);
        assertThat(created.status()).isEqualTo(201);
        assertThat(register("wattos", "http://127.0.0.1:" + port + "/mcp", List.of(), 30_000).status()).isEqualTo(409);
        String id = created.json().get("id").asString();
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        assertThat(api.delete(base + "/mcp-servers/" + id, editor).status()).isEqualTo(403);

        // picking tools later, the token kept when none is sent
        TestApi.Response updated = api.put(base + "/mcp-servers/" + id, admin, Map.of("tools", List.of("wattos_answer")));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("tools").get(0).get("name").asString()).isEqualTo("wattos__wattos_answer");
        assertThat(updated.json().get("tokenHint").asString()).as("still set").isEqualTo("••••");

        TestApi.Tenant other = api.createTenant();
        String otherAdmin = api.userToken(other.slug(), Role.TENANT_ADMIN);
        String otherBase = "/api/v1/tenants/" + other.slug() + "/agent-runtime";
        assertThat(api.get(otherBase + "/mcp-servers/" + id, otherAdmin).status()).isEqualTo(404);
        assertThat(api.put(otherBase + "/mcp-servers/" + id, otherAdmin, Map.of("name", "x1")).status()).isEqualTo(404);
        assertThat(api.delete(otherBase + "/mcp-servers/" + id, otherAdmin).status()).isEqualTo(404);
        assertThat(api.get(otherBase + "/mcp-servers/" + id + "/offered-tools", otherAdmin).status()).isEqualTo(404);
        assertThat(api.get(otherBase + "/mcp-servers", otherAdmin).json().get("items").size()).isZero();
        assertThat(api.post(otherBase + "/tools/wattos__wattos_answer/invoke", otherAdmin, Map.of()).status()).isEqualTo(404);

        assertThat(api.delete(base + "/mcp-servers/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get(base + "/mcp-servers/" + id, admin).status()).isEqualTo(404);
    }
}
