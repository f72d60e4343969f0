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
public final class AgentFixtures {

    private AgentFixtures() {
    }

    /** A generated agent of the tenant (draft, which the console may talk to); its JSON. */
    public static JsonNode agent(TestApi api, String base, String editor) throws InterruptedException {
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

    /**
     * Three published agents of one neutral persona, told apart by their own topics (wohnen, wirtschaft, familie; ids
     * and names into the maps), and routing between them turned on.
     */
    static void threeRoutedAgents(TestApi api, String base, String admin, Map<String, String> agentIds, Map<String, String> names)
            throws InterruptedException {
        String space = CharacterFixtures.indexedSpace(api, base, admin);
        JsonNode proposal = api.post(base + "/characters/define", admin, Map.of("prompt",
                "Freundlicher Assistent der Gemeinde Bad Boll, siezt")).json().get("character");
        TestApi.Response character = api.post(base + "/characters?makeDefault=true", admin, proposal);
        assertThat(character.status()).as(character.toString()).isEqualTo(201);
        TestApi.Response job = api.post(base + "/personas/generate", admin, Map.of("characterId",
                character.json().get("id").asString(), "spaceIds", List.of(space), "minQualityScore", 0.0, "maxPersonas", 1));
        assertThat(job.status()).as(job.toString()).isEqualTo(202);
        JsonNode done = CharacterFixtures.awaitJob(api, base, admin, job.json().get("id").asString());
        String persona = api.get(base + "/personas?jobId=" + done.get("id").asString(), admin).json().get("items").get(0)
                .get("id").asString();
        // questions the small site answers, so that the agents' validation passes and they can be published; the
        // three agents share this neutral persona, so their own topics say what each is for
        assertThat(api.put(base + "/personas/" + persona, admin, Map.of("topics", List.of("Bad Boll"),
                "description", "Menschen, die in Bad Boll leben.", "typicalQuestions", List.of(
                "Wie melde ich mein Kind über das Kita-Portal für einen Betreuungsplatz an?",
                "Wann ist die Pflegeberatung im Rathaus?",
                "Wo melde ich ein Gewerbe an und was kostet die Gewerbeanmeldung?",
                "Was brauchen Neubürger für die Anmeldung des Wohnsitzes?",
                "Wann lädt der Seniorentreff Rentnerinnen und Rentner ein?"))).status()).isEqualTo(200);
        publish(api, base, admin, agentIds, names, "wohnen", persona, "Bürgerservice Wohnen und Ausweise", List.of("Umzug", "Wohnsitz", "Ummeldung",
                "Personalausweis", "Reisepass", "Meldebescheinigung", "Ausweis"), List.of("Wie melde ich meinen Wohnsitz um?",
                "Wo beantrage ich einen Reisepass?", "Was kostet ein Personalausweis?"));
        publish(api, base, admin, agentIds, names, "wirtschaft", persona, "Wirtschaftsförderung", List.of("Gewerbe", "Gewerbeanmeldung", "Betrieb",
                "Unternehmen", "Gründung", "Gewerbesteuer", "Gaststätte", "Genehmigung"), List.of("Wie gründe ich ein Unternehmen?",
                "Wie melde ich ein Gewerbe an?", "Wer berät bei der Gründung?"));
        publish(api, base, admin, agentIds, names, "familie", persona, "Familie und Soziales", List.of("Kita", "Kindergarten", "Kinder", "Betreuung",
                "Elterngeld", "Senioren", "Seniorentreff", "Pflege", "Pflegeberatung", "Ferien"),
                List.of("Wie bekomme ich einen Kitaplatz?",
                "Wo gibt es Pflegeberatung?", "Was macht der Seniorentreff?"));
        TestApi.Response routing = api.put(base + "/agent-runtime/routing", admin, Map.of("enabled", true,
                "agentIds", List.copyOf(agentIds.values())));
        assertThat(routing.status()).as(routing.body()).isEqualTo(200);
    }

    private static void publish(TestApi api, String base, String admin, Map<String, String> agentIds,
            Map<String, String> names, String key, String persona, String name, List<String> topics, List<String> questions) {
        JsonNode agent = api.post(base + "/agents/generate", admin, Map.of("personaIds", List.of(persona), "validate", false))
                .json().get("items").get(0);
        String id = agent.get("id").asString();
        JsonNode knowledge = agent.get("agent").get("knowledge");
        Map<String, Object> edited = new HashMap<>();
        edited.put("name", name);
        edited.put("knowledge", Map.of("spaceIds", TestApi.JSON.convertValue(knowledge.get("spaceIds"), List.class),
                "topK", 6, "filters", Map.of(), "boostTopics", topics));
        edited.put("suggestedQuestions", questions);
        TestApi.Response put = api.put(base + "/agents/" + id, admin, edited);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode validated = api.post(base + "/agents/" + id + "/validate", admin, Map.of()).json();
        assertThat(validated.get("validation").get("passed").asBoolean()).as(validated.toString()).isTrue();
        assertThat(api.post(base + "/agents/" + id + "/status", admin, Map.of("status", "in_review")).status()).isEqualTo(200);
        TestApi.Response published = api.post(base + "/agents/" + id + "/status", admin, Map.of("status", "published"));
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        agentIds.put(key, id);
        names.put(key, name);
    }
}
