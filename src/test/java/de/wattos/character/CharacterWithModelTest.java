package de.wattos.character;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The character module with a language model: an OpenAI-compatible server on loopback (the real Chat Completions
 * wire protocol, {@code response_format: json_schema}) reads the prompt, gets one repair round for an invalid
 * answer, and a still invalid answer is a 422 problem with the reasons and nothing saved. Persona names come from
 * the model when its answer covers every persona.
 */
@IntegrationTest
class CharacterWithModelTest {

    static final String PROMPT = "Freundliche Assistentin Lena der Gemeinde Bad Boll, duzt, hilft bei Abfall und Steuern, keine Rechtsberatung";
    static final String VALID = """
            {"name": "Lena", "role": "digitale Assistentin", "organisation": "Gemeinde Bad Boll", "organisationType": "Gemeinde",
             "audience": null, "tone": "friendly", "address": "du", "languages": ["de"], "traits": ["geduldig"], "rules": [],
             "topics": ["Abfall", "Steuern"], "refusedTopics": ["Rechtsberatung"], "greeting": null, "escalation": null,
             "contact": {"email": "info@bad-boll.de", "phone": null, "url": null, "hours": null}}""";

    @LocalServerPort
    int port;
    TestApi api;
    String base;
    String editor;
    OpenAiStub stub;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        editor = api.userToken(tenant.slug(), Role.EDITOR);
        stub = new NamingStub();
        TestApi.Response provider = api.post(base + "/llm/providers", api.userToken(tenant.slug(), Role.TENANT_ADMIN),
                Map.of("name", "Loopback", "type", "openai", "baseUrl", stub.baseUri().toString(), "apiKey", "sk-test-character",
                        "defaultModel", "gpt-stub"));
        assertThat(provider.status()).as(provider.toString()).isEqualTo(201);
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    @Test
    void theModelReadsThePromptWithAJsonSchema() {
        stub.enqueue(ProviderStub.answer(VALID));
        TestApi.Response r = api.post(base + "/characters/define", editor, Map.of("prompt", PROMPT));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("readBy").asString()).isEqualTo("model:gpt-stub");
        JsonNode c = r.json().get("character");
        assertThat(c.get("name").asString()).isEqualTo("Lena");
        assertThat(c.get("address").asString()).isEqualTo("du");
        assertThat(c.get("contact").get("email").asString()).isEqualTo("info@bad-boll.de");
        assertThat(r.json().get("provenance").get("contact").asString()).isEqualTo("prompt");
        // the du-form reaches every text the assistant says by itself
        assertThat(c.get("greeting").asString()).contains("dir");
        assertThat(c.get("noAnswerText").asString()).contains("Wende dich bitte an").contains("info@bad-boll.de");
        assertThat(c.get("refusalText").asString()).startsWith("Zu diesem Thema kann ich dir leider keine Auskunft geben.")
                .contains("Wende dich bitte an").doesNotContain("Sie");

        assertThat(stub.chatRequests.get()).isEqualTo(1);
        JsonNode sent = stub.lastChat().json();
        assertThat(sent.get("response_format").get("type").asString()).isEqualTo("json_schema");
        JsonNode schema = sent.get("response_format").get("json_schema");
        assertThat(schema.get("name").asString()).isEqualTo("character");
        assertThat(schema.get("schema").get("properties").get("address").get("enum").toString()).contains("Sie", "du");
        assertThat(sent.get("messages").toString()).contains(PROMPT);
    }

    @Test
    void anInvalidAnswerGetsOneRepairRoundWithTheReasons() {
        stub.enqueue(ProviderStub.answer("Gern! Hier ist der Charakter: {name: Lena"), ProviderStub.answer(VALID));
        TestApi.Response r = api.post(base + "/characters/define", editor, Map.of("prompt", PROMPT));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("character").get("name").asString()).isEqualTo("Lena");
        assertThat(stub.chatRequests.get()).isEqualTo(2);
        JsonNode repair = stub.lastChat().json().get("messages");
        assertThat(repair.get(repair.size() - 2).get("role").asString()).isEqualTo("assistant");
        assertThat(repair.get(repair.size() - 1).get("content").asString()).contains("ungültig").contains("not valid JSON");
    }

    @Test
    void anAnswerThatStaysInvalidIsA422WithTheReasonsAndNothingIsSaved() {
        long before = api.get(base + "/characters", editor).json().get("total").asLong();
        stub.enqueue(ProviderStub.answer("{\"tone\": \"grumpy\", \"address\": \"Sie\", \"topics\": [], \"refusedTopics\": []}"),
                ProviderStub.answer("{\"tone\": \"grumpy\", \"address\": \"Ihr\", \"topics\": \"Abfall\", \"refusedTopics\": [], \"mood\": 1}"));
        TestApi.Response r = api.post(base + "/characters/define", editor, Map.of("prompt", PROMPT));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("model_output_invalid");
        assertThat(r.json().get("detail").asString()).contains("Korrekturrunde");
        assertThat(r.json().get("errors").findValuesAsString("field")).contains("tone", "address", "topics", "mood");
        assertThat(r.json().get("reasons").toString()).contains("tone: must be formal, friendly or plain")
                .contains("mood: unknown property");
        assertThat(stub.chatRequests.get()).isEqualTo(2);
        assertThat(api.get(base + "/characters", editor).json().get("total").asLong()).isEqualTo(before);

        stub.enqueue(ProviderStub.answer("kein JSON"), ProviderStub.answer("auch kein JSON"));
        TestApi.Response english = api.send(api.builder(base + "/characters/define", editor).header("Accept-Language", "en")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Assistent Bolli, duzt\"}")));
        assertThat(english.status()).isEqualTo(422);
        assertThat(english.json().get("detail").asString()).contains("model");
    }

    @Test
    void theModelNamesThePersonasAndTheRulesStayWhenItsAnswerIsUnusable() throws Exception {
        String space = CharacterFixtures.indexedSpace(api, base, editor);
        Map<String, Object> request = Map.of("spaceIds", List.of(space), "minQualityScore", 0.0);

        TestApi.Response job = api.post(base + "/personas/generate", editor, request);
        assertThat(job.status()).as(job.toString()).isEqualTo(202);
        JsonNode done = CharacterFixtures.awaitJob(api, base, editor, job.json().get("id").asString());
        assertThat(done.get("result").get("namedBy").asString()).as(done.toString()).isEqualTo("model:gpt-stub");
        JsonNode personas = api.get(base + "/personas?jobId=" + done.get("id").asString(), editor).json().get("items");
        assertThat(personas.size()).isGreaterThanOrEqualTo(2);
        for (JsonNode p : personas) {
            assertThat(p.get("persona").get("name").asString()).startsWith("Bad Boller ");
            assertThat(p.get("persona").get("description").asString()).contains("belegt durch");
            assertThat(p.get("persona").get("evidence").size()).isPositive();
        }
        JsonNode naming = stub.lastChat().json();
        assertThat(naming.get("response_format").get("json_schema").get("name").asString()).isEqualTo("personas");

        // a model answer that leaves a persona out changes nothing: the rule set's names stay
        ((NamingStub) stub).leaveOneOut = true;
        JsonNode again = CharacterFixtures.awaitJob(api, base, editor,
                api.post(base + "/personas/generate", editor, request).json().get("id").asString());
        assertThat(again.get("result").get("namedBy").asString()).isEqualTo("rules");
        assertThat(again.get("result").get("namingNote").asString()).contains("no entry for index");
        JsonNode ruleNamed = api.get(base + "/personas?jobId=" + again.get("id").asString(), editor).json().get("items");
        assertThat(ruleNamed.findValuesAsString("name")).noneMatch(n -> n.startsWith("Bad Boller "))
                .contains("Familien mit Kindern");
    }

    /** Answers a persona-naming request from what it was sent (one entry per index), like a model would. */
    static final class NamingStub extends OpenAiStub {
        volatile boolean leaveOneOut;

        @Override
        protected String syncBody(Answer a, Received r) {
            if (!"personas".equals(r.json().path("response_format").path("json_schema").path("name").asString(""))) {
                return super.syncBody(a, r);
            }
            JsonNode messages = r.json().get("messages");
            JsonNode brief = TestApi.JSON.readTree(messages.get(messages.size() - 1).get("content").asString());
            List<Map<String, Object>> named = new ArrayList<>();
            for (JsonNode item : brief) {
                if (leaveOneOut && item.get("index").asInt() == 0) {
                    continue;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("index", item.get("index").asInt());
                entry.put("name", "Bad Boller " + item.get("currentName").asString());
                entry.put("description", "Menschen der Zielgruppe " + item.get("targetGroup").asString() + ", belegt durch "
                        + item.get("evidence").size() + " Seiten.");
                named.add(entry);
            }
            return super.syncBody(new Answer(List.of(TestApi.JSON.writeValueAsString(Map.of("personas", named))), 50, 50, null), r);
        }
    }
}
