package de.wattos.f13.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.llm.internal.contract.F13RagStub;
import de.wattos.platform.Role;
import de.wattos.support.ProviderStub;
import de.wattos.support.TestApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The seed's {@code POST /f13/rag-search} and {@code POST /f13/chat} against a loopback F13 with its Keycloak: roles,
 * bad input (400), no connection (409 with the German reason), F13 failing (502 with the reason, never 500), another
 * tenant (404), and the client secret write-only.
 */
@IntegrationTest
class F13SeedEndpointsTest {

    @LocalServerPort
    int port;

    TestApi api;
    TestApi.Tenant tenant;
    String admin;
    F13RagStub f13;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        tenant = api.createTenant();
        admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        f13 = new F13RagStub();
    }

    @AfterEach
    void tearDown() {
        f13.close();
    }

    private String path(String slug, String rest) {
        return "/api/v1/tenants/" + slug + "/f13" + rest;
    }

    private Map<String, Object> settings() {
        Map<String, Object> s = new HashMap<>();
        s.put("baseUrl", f13.baseUri().toString());
        s.put("clientId", "wattos");
        s.put("clientSecret", "geheim");
        s.put("chatModel", "f13-modell");
        return s;
    }

    @Test
    void withoutAConnectionBothEndpointsSayInGermanThatF13IsNotSetUp() {
        TestApi.Response r = api.post(path(tenant.slug(), "/rag-search"), admin, Map.of("query", "Hundesteuer"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("f13_not_configured");
        assertThat(r.json().path("detail").asString()).startsWith("F13 ist für diesen Mandanten nicht eingerichtet");
        assertThat(api.post(path(tenant.slug(), "/chat"), admin, Map.of("messages", List.of(Map.of("role", "user",
                "content", "Hallo")))).status()).isEqualTo(409);
    }

    /** F13's retrieval sources are listed; the ones a tenant picks are sent with every retrieval, none = all. */
    @Test
    void theRetrievalSourcesAreListedAndTheChosenOnesRestrictRetrieval() {
        assertThat(api.get(path(tenant.slug(), "/rag-sources"), admin).status()).as("not set up").isEqualTo(409);
        assertThat(api.put(path(tenant.slug(), "/settings"), admin, settings()).status()).isEqualTo(200);
        String viewer = api.userToken(tenant.slug(), Role.VIEWER);

        TestApi.Response listed = api.get(path(tenant.slug(), "/rag-sources"), viewer);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().path("sources").toString()).isEqualTo("[\"Landesrecht\",\"Kommunalrecht\",\"Förderprogramme\"]");
        assertThat(listed.json().path("selected").isEmpty()).isTrue();
        api.post(path(tenant.slug(), "/rag-search"), viewer, Map.of("query", "Hundesteuer?"));
        assertThat(lastRag().has("sources")).as("none chosen: all sources, nothing sent").isFalse();

        Map<String, Object> chosen = settings();
        chosen.put("ragSources", List.of(" Kommunalrecht ", "Kommunalrecht"));
        TestApi.Response saved = api.put(path(tenant.slug(), "/settings"), admin, chosen);
        assertThat(saved.json().path("ragSources").toString()).isEqualTo("[\"Kommunalrecht\"]");
        api.post(path(tenant.slug(), "/rag-search"), viewer, Map.of("query", "Hundesteuer?"));
        assertThat(lastRag().path("sources").toString()).isEqualTo("[\"Kommunalrecht\"]");
        assertThat(api.put(path(tenant.slug(), "/settings"), admin, settings()).json().path("ragSources").toString())
                .as("a save without ragSources keeps them").isEqualTo("[\"Kommunalrecht\"]");

        Map<String, Object> bad = settings();
        bad.put("ragSources", java.util.Arrays.asList("Kommunalrecht", null));
        assertThat(api.put(path(tenant.slug(), "/settings"), admin, bad).status()).isEqualTo(400);
        f13.garbledSources = true;
        TestApi.Response garbled = api.get(path(tenant.slug(), "/rag-sources"), viewer);
        assertThat(garbled.status()).isEqualTo(502);
        assertThat(garbled.code()).isEqualTo("f13_failed");
        TestApi.Tenant other = api.createTenant();
        assertThat(api.get(path(other.slug(), "/rag-sources"), admin).status()).as("another tenant's path").isIn(403, 404);
    }

    private tools.jackson.databind.JsonNode lastRag() {
        return f13.received.stream().filter(x -> x.path().equals("/rag/database")).reduce((a, b) -> b).orElseThrow().json();
    }

    @Test
    void ragSearchAndChatAnswerFromF13WithItsToken() {
        TestApi.Response saved = api.put(path(tenant.slug(), "/settings"), admin, settings());
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain("geheim");
        assertThat(saved.json().path("hasClientSecret").asBoolean()).isTrue();
        TestApi.Response audit = api.get("/api/v1/tenants/" + tenant.slug() + "/audit?action=f13_settings.updated", admin);
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().path("items").size()).as("the change of the connection is audited").isEqualTo(1);
        assertThat(audit.json().path("items").path(0).path("details").path("clientSecretChanged").asBoolean()).isTrue();
        assertThat(audit.body()).as("never the secret").doesNotContain("geheim");

        String viewer = api.userToken(tenant.slug(), Role.VIEWER);
        TestApi.Response rag = api.post(path(tenant.slug(), "/rag-search"), viewer, Map.of("query", "Hundesteuer?"));
        assertThat(rag.status()).isEqualTo(200);
        assertThat(rag.json().path("answer").asString()).isEqualTo("Antwort auf: Hundesteuer?");
        assertThat(rag.json().path("sources").size()).as("a source without text is dropped").isEqualTo(1);
        assertThat(rag.json().path("sources").path(0).path("title").asString()).isEqualTo("Hundesteuersatzung");
        assertThat(rag.json().path("sources").path(0).path("url").asString()).isEqualTo("https://land.example/hundesteuer");

        f13.enqueue(ProviderStub.answer("Das Rathaus ", "liegt am Marktplatz."));
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        TestApi.Response chat = api.post(path(tenant.slug(), "/chat"), editor, Map.of("messages", List.of(
                Map.of("role", "system", "content", "Antworte kurz."), Map.of("role", "user", "content", "Wo ist das Rathaus?"))));
        assertThat(chat.status()).isEqualTo(200);
        assertThat(chat.json().path("answer").asString()).isEqualTo("Das Rathaus liegt am Marktplatz.");
        assertThat(f13.lastChat().json().path("language_model").asString()).isEqualTo("f13-modell");
        assertThat(f13.lastChat().json().path("messages").path(0).path("content").asString())
                .isEqualTo("Antworte kurz.\n\nWo ist das Rathaus?");
        assertThat(f13.tokensIssued.get()).isEqualTo(1);

        assertThat(api.post(path(tenant.slug(), "/chat"), viewer, Map.of("messages", List.of(Map.of("role", "user",
                "content", "Hallo")))).status()).as("chat takes an editor").isEqualTo(403);
        assertThat(api.put(path(tenant.slug(), "/settings"), editor, settings()).status()).isEqualTo(403);
    }

    @Test
    void badInputIs400AndF13FailingIs502WithItsReason() {
        assertThat(api.put(path(tenant.slug(), "/settings"), admin, Map.of("baseUrl", f13.baseUri().toString())).code())
                .as("neither a client nor guest mode").isEqualTo("f13_settings_invalid");
        assertThat(api.put(path(tenant.slug(), "/settings"), admin, Map.of("baseUrl", "ftp://f13.example")).status())
                .isEqualTo(400);
        api.put(path(tenant.slug(), "/settings"), admin, settings());
        assertThat(api.post(path(tenant.slug(), "/rag-search"), admin, Map.of("query", " ")).status()).isEqualTo(400);
        assertThat(api.post(path(tenant.slug(), "/rag-search"), admin, Map.of("query", "x", "maxResults", 99)).status())
                .isEqualTo(400);
        assertThat(api.post(path(tenant.slug(), "/chat"), admin, Map.of("messages", List.of())).status()).isEqualTo(400);
        assertThat(api.post(path(tenant.slug(), "/chat"), admin, Map.of("messages", List.of(Map.of("role", "tool",
                "content", "x")))).status()).isEqualTo(400);

        f13.ragStatus = 503;
        TestApi.Response down = api.post(path(tenant.slug(), "/rag-search"), admin, Map.of("query", "Hundesteuer"));
        assertThat(down.status()).isEqualTo(502);
        assertThat(down.code()).isEqualTo("f13_failed");
        assertThat(down.json().path("detail").asString()).contains("HTTP 503").contains("Permission service unavailable");
        f13.enqueue(new ProviderStub.Garbage("x"));
        TestApi.Response garbage = api.post(path(tenant.slug(), "/chat"), admin, Map.of("messages", List.of(
                Map.of("role", "user", "content", "Hallo"))));
        assertThat(garbage.status()).isEqualTo(502);
        assertThat(garbage.json().path("detail").asString()).contains("no JSON");
    }

    @Test
    void anotherTenantsF13IsNotFound() {
        api.put(path(tenant.slug(), "/settings"), admin, settings());
        TestApi.Tenant other = api.createTenant();
        String foreign = api.userToken(other.slug(), Role.TENANT_ADMIN);
        assertThat(api.post(path(tenant.slug(), "/rag-search"), foreign, Map.of("query", "Hundesteuer")).status()).isEqualTo(404);
        assertThat(api.post(path(tenant.slug(), "/chat"), foreign, Map.of("messages", List.of(Map.of("role", "user",
                "content", "Hallo")))).status()).isEqualTo(404);
        assertThat(api.get(path(tenant.slug(), "/settings"), foreign).status()).isEqualTo(404);
        assertThat(api.get(path(other.slug(), "/settings"), foreign).status()).as("its own tenant has none").isEqualTo(409);
    }
}
