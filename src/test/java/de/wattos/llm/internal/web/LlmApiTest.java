package de.wattos.llm.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.support.TestApi;
import de.wattos.support.TestApi.Response;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The tenant-facing LLM API: providers CRUD (key write-only), connection test, budget, usage; roles and isolation. */
@IntegrationTest
class LlmApiTest {

    private static final String KEY = "sk-live-Geheimnis-9876";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LanguageModels models;

    TestApi api;
    TestApi.Tenant tenant;
    String admin;
    OpenAiStub stub;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        tenant = api.createTenant();
        admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        stub = new OpenAiStub();
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    private String path(String rest) {
        return "/api/v1/tenants/" + tenant.slug() + "/llm" + rest;
    }

    private Map<String, Object> provider(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("type", "openai");
        body.put("baseUrl", stub.baseUri().toString());
        body.put("apiKey", KEY);
        body.put("defaultModel", "gpt-4o-mini");
        body.put("models", List.of("gpt-4o-mini", "gpt-4o"));
        body.put("timeoutSeconds", 20);
        body.put("priority", 10);
        return body;
    }

    @Test
    void providerCrudKeepsTheKeyWriteOnlyAndSealed() {
        Response created = api.post(path("/providers"), admin, provider("OpenAI Produktion"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).contains("/llm/providers/");
        JsonNode p = created.json();
        String id = p.get("id").asString();
        assertThat(p.get("hasApiKey").asBoolean()).isTrue();
        assertThat(p.get("apiKeyHint").asString()).isEqualTo("••••");
        assertThat(p.get("piiProtection").asBoolean()).as("external provider: PII protection on by default").isTrue();
        assertThat(p.get("enabled").asBoolean()).isTrue();
        assertThat(p.get("circuit").asString()).isEqualTo("closed");
        assertThat(created.body()).doesNotContain(KEY).doesNotContain("Geheimnis");

        String sealed = jdbc.sql("select api_key_sealed from llm_providers where id = ?::uuid").param(id).query(String.class).single();
        assertThat(sealed).startsWith("v1:").doesNotContain("Geheimnis");

        String viewer = api.userToken(tenant.slug(), Role.VIEWER);
        Response list = api.get(path("/providers"), viewer);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("total").asLong()).isEqualTo(1);
        assertThat(list.body()).doesNotContain("Geheimnis").doesNotContain("v1:");
        assertThat(api.get(path("/providers/" + id), viewer).json().get("name").asString()).isEqualTo("OpenAI Produktion");

        // update without apiKey keeps the key; "" removes it
        Map<String, Object> update = provider("OpenAI Produktion");
        update.remove("apiKey");
        update.put("priority", 3);
        update.put("enabled", false);
        Response updated = api.put(path("/providers/" + id), admin, update);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("priority").asInt()).isEqualTo(3);
        assertThat(updated.json().get("enabled").asBoolean()).isFalse();
        assertThat(updated.json().get("apiKeyHint").asString()).isEqualTo("••••");
        update.put("apiKey", "");
        assertThat(api.put(path("/providers/" + id), admin, update).json().get("hasApiKey").asBoolean()).isFalse();

        Response audit = api.get("/api/v1/tenants/" + tenant.slug() + "/audit?action=llm_provider.created", admin);
        assertThat(audit.json().get("total").asLong()).isEqualTo(1);
        assertThat(audit.body()).contains("OpenAI Produktion").doesNotContain("Geheimnis");
        assertThat(api.get("/api/v1/tenants/" + tenant.slug() + "/audit?action=llm_provider.updated", admin)
                .json().get("total").asLong()).isEqualTo(2);

        assertThat(api.delete(path("/providers/" + id), admin).status()).isEqualTo(204);
        assertThat(api.get(path("/providers/" + id), viewer).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tenants/" + tenant.slug() + "/audit?action=llm_provider.deleted", admin)
                .json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void listsTheProviderTypesWithTheirDefaults() {
        Response r = api.get(path("/provider-types"), api.userToken(tenant.slug(), Role.VIEWER));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().size()).isEqualTo(5);
        assertThat(r.body()).contains("\"type\":\"openai\"", "\"type\":\"azure-openai\"", "\"type\":\"anthropic\"",
                "\"type\":\"ollama\"", "\"type\":\"f13\"", "https://api.openai.com/v1");
    }

    @Test
    void onlyTenantAdminsWriteProvidersAndBudgets() {
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String viewer = api.userToken(tenant.slug(), Role.VIEWER);
        assertThat(api.post(path("/providers"), editor, provider("x")).status()).isEqualTo(403);
        assertThat(api.post(path("/providers"), viewer, provider("x")).status()).isEqualTo(403);
        String id = api.post(path("/providers"), admin, provider("x")).json().get("id").asString();
        assertThat(api.put(path("/providers/" + id), editor, provider("y")).status()).isEqualTo(403);
        assertThat(api.delete(path("/providers/" + id), editor).status()).isEqualTo(403);
        assertThat(api.post(path("/providers/" + id + "/test"), editor, Map.of()).status()).isEqualTo(403);
        assertThat(api.put(path("/budget"), editor, Map.of("monthlyTokens", 5)).status()).isEqualTo(403);
        assertThat(api.get(path("/budget"), viewer).status()).isEqualTo(200);
        assertThat(api.get(path("/usage"), viewer).status()).isEqualTo(200);
        assertThat(api.get(path("/providers"), null).status()).isEqualTo(401);
    }

    @Test
    void badInputIsAProblemWithAStableCode() {
        Map<String, Object> unknownType = provider("a");
        unknownType.put("type", "skynet");
        Response r = api.post(path("/providers"), admin, unknownType);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("validation_failed");
        assertThat(r.body()).contains("\"type\"").contains("openai").contains("anthropic").contains("ollama");

        Map<String, Object> ftp = provider("b");
        ftp.put("baseUrl", "ftp://models.example.org");
        Response badUrl = api.post(path("/providers"), admin, ftp);
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.json().get("errors").get(0).get("field").asString()).isEqualTo("baseUrl");
        assertThat(badUrl.json().get("errors").get(0).get("code").asString()).isEqualTo("unsupported_scheme");

        Map<String, Object> noUrl = provider("c");
        noUrl.put("type", "ollama");
        noUrl.remove("baseUrl");
        assertThat(api.post(path("/providers"), admin, noUrl).body()).contains("baseUrl").contains("required");

        Map<String, Object> noModel = provider("d");
        noModel.remove("defaultModel");
        noModel.remove("models");
        assertThat(api.post(path("/providers"), admin, noModel).body()).contains("defaultModel");

        Map<String, Object> badTimeout = provider("e");
        badTimeout.put("timeoutSeconds", 0);
        assertThat(api.post(path("/providers"), admin, badTimeout).body()).contains("timeoutSeconds");

        assertThat(api.post(path("/providers"), admin, Map.of("type", "openai")).code()).isEqualTo("validation_failed");
        Map<String, Object> unknownField = provider("f");
        unknownField.put("secretMode", true);
        assertThat(api.post(path("/providers"), admin, unknownField).code()).isEqualTo("unknown_field");
        Map<String, Object> wrongType = provider("g");
        wrongType.put("priority", "hoch");
        assertThat(api.post(path("/providers"), admin, wrongType).code()).isEqualTo("invalid_type");
        assertThat(api.raw("POST", path("/providers"), admin, "application/json", "{\"name\":".getBytes(StandardCharsets.UTF_8))
                .code()).isEqualTo("malformed_body");
        assertThat(api.get(path("/providers/keine-uuid"), admin).status()).isEqualTo(400);

        assertThat(api.post(path("/providers"), admin, provider("Doppelt")).status()).isEqualTo(201);
        Response duplicate = api.post(path("/providers"), admin, provider("doppelt"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("provider_name_taken");

        assertThat(api.put(path("/budget"), admin, Map.of("monthlyTokens", -1)).status()).isEqualTo(400);
        assertThat(api.get(path("/usage?from=gestern"), admin).code()).isEqualTo("validation_failed");
        assertThat(api.get(path("/usage?from=2026-02-01&to=2026-01-01"), admin).code()).isEqualTo("validation_failed");
    }

    @Test
    void anotherTenantsProviderIsNotFound() {
        String id = api.post(path("/providers"), admin, provider("Nur für A")).json().get("id").asString();
        TestApi.Tenant other = api.createTenant();
        String otherAdmin = api.userToken(other.slug(), Role.TENANT_ADMIN);
        String foreign = "/api/v1/tenants/" + other.slug() + "/llm/providers/" + id;
        assertThat(api.get(foreign, otherAdmin).status()).isEqualTo(404);
        assertThat(api.put(foreign, otherAdmin, provider("übernommen")).status()).isEqualTo(404);
        assertThat(api.delete(foreign, otherAdmin).status()).isEqualTo(404);
        assertThat(api.post(foreign + "/test", otherAdmin, Map.of()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tenants/" + other.slug() + "/llm/providers", otherAdmin).json().get("total").asLong()).isZero();
        // and tenant B's token on tenant A's path: the tenant itself is not found
        assertThat(api.get(path("/providers/" + id), otherAdmin).status()).isEqualTo(404);
        assertThat(api.get(path("/providers"), otherAdmin).status()).isEqualTo(404);
        assertThat(api.get(path("/providers/" + id), admin).status()).isEqualTo(200);
    }

    @Test
    void theConnectionTestListsModelsOrSaysWhatIsWrong() throws Exception {
        stub.models = List.of("gpt-4o-mini", "gpt-4o");
        String id = api.post(path("/providers"), admin, provider("Erreichbar")).json().get("id").asString();
        Response ok = api.post(path("/providers/" + id + "/test"), admin, Map.of());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("ok").asBoolean()).isTrue();
        assertThat(ok.json().get("models").toString()).contains("gpt-4o-mini", "gpt-4o");
        assertThat(ok.json().get("defaultModelAvailable").asBoolean()).isTrue();
        assertThat(stub.received.getLast().header("authorization")).isEqualTo("Bearer " + KEY);

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Map<String, Object> down = provider("Nicht erreichbar");
        down.put("baseUrl", "http://127.0.0.1:" + closed);
        String downId = api.post(path("/providers"), admin, down).json().get("id").asString();
        Response failed = api.post(path("/providers/" + downId + "/test"), admin, Map.of());
        assertThat(failed.json().get("ok").asBoolean()).isFalse();
        assertThat(failed.json().get("errorCode").asString()).isEqualTo("provider_unavailable");

        stub.modelsFailure = new ProviderStub.Failure(401, "invalid_request_error", "Incorrect API key provided", null);
        Response unauthorized = api.post(path("/providers/" + id + "/test"), admin, Map.of());
        assertThat(unauthorized.json().get("ok").asBoolean()).isFalse();
        assertThat(unauthorized.json().get("errorCode").asString()).isEqualTo("provider_error");
        assertThat(unauthorized.json().get("error").asString()).contains("HTTP 401").contains("Incorrect API key provided");
        assertThat(unauthorized.body()).doesNotContain("Geheimnis");
    }

    @Test
    void budgetAndUsageReflectRealCalls() {
        stub.always(new ProviderStub.Answer(List.of("Antwort"), 100, 20, null));
        api.post(path("/providers"), admin, provider("Zähler"));
        Response budget = api.put(path("/budget"), admin, Map.of("monthlyTokens", 200, "monthlyEur", 12.5,
                "extractiveFallback", true));
        assertThat(budget.status()).as(budget.toString()).isEqualTo(200);
        assertThat(budget.json().get("monthlyTokens").asLong()).isEqualTo(200);
        assertThat(budget.json().get("exceeded").asBoolean()).isFalse();

        TenantRef ref = new TenantRef(tenant.id(), tenant.slug(), "de", ZoneId.of("Europe/Berlin"));
        for (int i = 0; i < 2; i++) {
            TenantContext.callAs(ref, () -> models.complete(new ModelRequest(
                    List.of(new ModelMessage(ModelMessage.Role.USER, "Frage")), null, null, null, null, "chat")));
        }
        JsonNode after = api.get(path("/budget"), admin).json();
        assertThat(after.get("spentTokens").asLong()).isEqualTo(240);
        assertThat(after.get("exceeded").asBoolean()).isTrue();

        JsonNode usage = api.get(path("/usage"), admin).json();
        assertThat(usage.get("summary").get("calls").asLong()).isEqualTo(2);
        assertThat(usage.get("summary").get("inputTokens").asLong()).isEqualTo(200);
        assertThat(usage.get("summary").get("outputTokens").asLong()).isEqualTo(40);
        assertThat(usage.get("summary").get("byModel").get(0).get("provider").asString()).isEqualTo("Zähler");
        JsonNode none = api.get(path("/usage?from=2020-01-01&to=2020-01-31"), admin).json();
        assertThat(none.get("summary").get("calls").asLong()).isZero();
    }
}
