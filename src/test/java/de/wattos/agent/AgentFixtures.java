package de.wattos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.character.CharacterFixtures;
import de.wattos.support.OpenAiStub;
import de.wattos.support.TestApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** An agent made the way editors make one: indexed site, character, personas, generated agent. */
final class AgentFixtures {

    private AgentFixtures() {
    }

    /** A generated agent of the tenant (draft, which the console may talk to); its JSON. */
    static JsonNode agent(TestApi api, String base, String editor) throws InterruptedException {
        String space = CharacterFixtures.indexedSpace(api, base, editor);
        JsonNode proposal = api.post(base + "/characters/define", editor, Map.of("prompt",
                "Freundlicher Assistent der Gemeinde Bad Boll, siezt, hilft bei Gewerbe und Umzug")).json().get("character");
        TestApi.Response saved = api.post(base + "/characters?makeDefault=true", editor, proposal);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        TestApi.Response job = api.post(base + "/personas/generate", editor, Map.of("characterId", saved.json().get("id").asString(),
                "spaceIds", List.of(space), "minQualityScore", 0.0, "maxPersonas", 2));
        assertThat(job.status()).as(job.toString()).isEqualTo(202);
        JsonNode done = CharacterFixtures.awaitJob(api, base, editor, job.json().get("id").asString());
        List<String> personas = api.get(base + "/personas?jobId=" + done.get("id").asString(), editor).json().get("items")
                .valueStream().map(p -> p.get("id").asString()).toList();
        TestApi.Response agents = api.post(base + "/agents/generate", editor, Map.of("personaIds", personas.subList(0, 1),
                "validate", false));
        assertThat(agents.status()).as(agents.toString()).isEqualTo(201);
        return agents.json().get("items").get(0);
    }

    /** Registers the stub as the tenant's OpenAI-compatible model provider; answers the provider's id. */
    static String stubProvider(TestApi api, String base, String admin, OpenAiStub model) {
        return stubProvider(api, base, admin, model, "gpt-stub");
    }

    /** As above, answering as {@code modelName} (the test profile prices {@code agent-priced-model}). */
    static String stubProvider(TestApi api, String base, String admin, OpenAiStub model, String modelName) {
        Map<String, Object> provider = new HashMap<>();
        provider.put("name", "stub");
        provider.put("type", "openai");
        provider.put("baseUrl", model.baseUri().toString());
        provider.put("apiKey", "sk-stub");
        provider.put("defaultModel", modelName);
        TestApi.Response created = api.post(base + "/llm/providers", admin, provider);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }
}
