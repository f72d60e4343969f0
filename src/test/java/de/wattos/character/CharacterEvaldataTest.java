package de.wattos.character;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.wattos.IntegrationTest;
import de.wattos.crawl.CrawlClient;
import de.wattos.crawl.internal.bench.StaticSiteServer;
import de.wattos.support.TestApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Offline, end to end on the real Ingolstadt site (evaldata, skipped when absent): crawled → a profile with the
 * city's name and contact → a character from one German sentence → at least four distinct personas with
 * evidence and scores.
 */
@IntegrationTest
class CharacterEvaldataTest {

    static final String SITE = "website/sdg.nachhaltigkeitsagenda-ingolstadt.de";

    @LocalServerPort
    int port;

    @Test
    void fromTheCrawledSiteToPersonas() throws Exception {
        String evaldata = System.getProperty("wattos.evaldata");
        assumeTrue(evaldata != null && Files.isDirectory(Path.of(evaldata, SITE)),
                "evaldata not present (" + evaldata + "): skipping the Ingolstadt character flow");
        try (StaticSiteServer server = new StaticSiteServer(Path.of(evaldata, SITE))) {
            CrawlClient client = new CrawlClient(port);
            TestApi api = client.api;
            String editor = client.editor;
            String base = client.tenantPath("");
            String source = client.createSource(server.baseUrl() + "/", Map.of("maxPages", 2000, "maxDepth", 10));
            JsonNode run = client.await(client.startCrawl(source), Duration.ofMinutes(10));
            assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");

            JsonNode profile = api.get(base + "/profile", editor).json();
            System.out.println("Ingolstadt profile: " + profile);
            assertThat(profile.get("organisationName").asString()).isEqualTo("Stadt Ingolstadt");
            assertThat(profile.get("organisationType").asString()).isEqualTo("Stadt");
            assertThat(profile.get("contact").get("email").asString()).isEqualTo("nachhaltigkeit@ingolstadt.de");
            assertThat(profile.get("contact").get("phone").asString()).contains("305");
            assertThat(profile.get("region").asString()).contains("Ingolstadt");

            TestApi.Response defined = api.post(base + "/characters/define", editor, Map.of("prompt",
                    "Freundlicher digitaler Lotse Ingo, duzt, hilft bei Nachhaltigkeit, Klima und Mobilität, keine Rechtsberatung"));
            assertThat(defined.status()).as(defined.toString()).isEqualTo(200);
            JsonNode character = defined.json().get("character");
            assertThat(character.get("organisation").asString()).isEqualTo("Stadt Ingolstadt");
            assertThat(defined.json().get("provenance").get("organisation").asString()).isEqualTo("tenant_profile");
            assertThat(character.get("contact").get("email").asString()).isEqualTo("nachhaltigkeit@ingolstadt.de");
            TestApi.Response saved = api.post(base + "/characters?makeDefault=true", editor, character);
            assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
            String characterId = saved.json().get("id").asString();

            TestApi.Response job = api.post(base + "/personas/generate", editor, Map.of("characterId", characterId));
            assertThat(job.status()).as(job.toString()).isEqualTo(202);
            JsonNode done = awaitJob(api, base, editor, job.json().get("id").asString());
            System.out.println("Ingolstadt personas job: " + done.get("result"));
            JsonNode personas = api.get(base + "/personas?jobId=" + done.get("id").asString(), editor).json().get("items");
            assertThat(personas.size()).as(done.toString()).isGreaterThanOrEqualTo(4);
            Set<String> names = new HashSet<>();
            for (JsonNode p : personas) {
                JsonNode spec = p.get("persona");
                names.add(spec.get("name").asString());
                assertThat(spec.get("evidence").size()).isPositive();
                assertThat(spec.get("qualityScore").asDouble()).isGreaterThanOrEqualTo(0.7);
                assertThat(spec.get("typicalQuestions").size()).isBetween(5, 10);
                assertThat(spec.get("scoreBreakdown").get("answerability").asDouble()).isPositive();
            }
            assertThat(names).hasSize(personas.size());

            // agents: one per persona, validated, reviewed, published
            List<String> personaIds = personas.valueStream().map(p -> p.get("id").asString()).toList();
            TestApi.Response generated = api.post(base + "/agents/generate", editor, Map.of("personaIds", personaIds, "validate", true));
            assertThat(generated.status()).as(generated.toString()).isEqualTo(201);
            JsonNode agents = generated.json().get("items");
            assertThat(agents.size()).isEqualTo(personaIds.size());
            // every agent gets the full report; publishing is shown with one whose checks all passed
            List<JsonNode> passed = agents.valueStream().filter(a -> a.get("validation").get("passed").asBoolean()).toList();
            assertThat(passed).as(generated.body()).isNotEmpty();
            JsonNode agent = passed.getFirst();
            System.out.println("Ingolstadt agent validation: " + agent.get("validation"));
            assertThat(agent.get("agent").get("systemPrompt").asString()).contains("Ingo").contains("Duze");
            assertThat(agent.get("agent").get("tools").findValuesAsString("")).isNotNull();
            assertThat(agent.get("validation").get("checks").findValuesAsString("name"))
                    .contains("tools_exist", "tools_allowed", "prompt_fits_context", "refused_topics_consistent", "questions_answerable");
            assertThat(agent.get("validation").get("passed").asBoolean()).as(agent.get("validation").toString()).isTrue();
            String agentId = agent.get("id").asString();
            assertThat(api.post(base + "/agents/" + agentId + "/status", editor, Map.of("status", "published")).status()).isEqualTo(409);
            assertThat(api.post(base + "/agents/" + agentId + "/status", editor, Map.of("status", "in_review")).status()).isEqualTo(200);
            TestApi.Response published = api.post(base + "/agents/" + agentId + "/status", editor, Map.of("status", "published"));
            assertThat(published.status()).as(published.toString()).isEqualTo(200);
            assertThat(published.json().get("version").asInt()).isEqualTo(3);
            // a character in use by agents cannot be deleted
            assertThat(api.delete(base + "/characters/" + characterId, editor).code()).isEqualTo("character_in_use");

            // a widget bound to the agent greets and answers in its tone (du), from the agent's questions
            TestApi.Response widget = api.post(base + "/widgets", editor, Map.of("name", "Ingo", "status", "active",
                    "allowedOrigins", List.of("https://www.ingolstadt.de"), "agentId", agentId));
            assertThat(widget.status()).as(widget.toString()).isEqualTo(201);
            String key = widget.json().get("publicKey").asString();
            TestApi.Response configResponse = api.send(api.builder("/api/v1/public/widgets/" + key + "/config", null)
                    .header("Origin", "https://www.ingolstadt.de").GET());
            assertThat(configResponse.status()).as(configResponse.toString()).isEqualTo(200);
            JsonNode config = configResponse.json();
            assertThat(config.get("greeting").asString()).startsWith("Hallo, ich bin Ingo").contains("dir");
            assertThat(config.get("suggestedQuestions").size()).isPositive();
            TestApi.Response conversation = api.post(base + "/conversations", editor, Map.of("agentId", agentId));
            assertThat(conversation.status()).as(conversation.toString()).isEqualTo(201);
            TestApi.Response answer = api.post(base + "/conversations/" + conversation.json().get("id").asString() + "/messages",
                    editor, Map.of("content", "Kannst du mir eine Rechtsberatung zu meinem Mietvertrag geben?"));
            System.out.println("Ingolstadt agent answer: " + answer.body());
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json().get("message").get("content").asString()).contains("keine Auskunft");
            TestApi.Response noAnswer = api.post(base + "/conversations/" + conversation.json().get("id").asString() + "/messages",
                    editor, Map.of("content", "Wann fährt die nächste Fähre nach Helgoland?"));
            assertThat(noAnswer.json().get("message").get("content").asString()).as(noAnswer.toString())
                    .contains("Wende dich bitte an").contains("nachhaltigkeit@ingolstadt.de");
        }
    }

    static JsonNode awaitJob(TestApi api, String base, String token, String jobId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            JsonNode job = api.get(base + "/persona-jobs/" + jobId, token).json();
            String status = job.get("status").asString();
            if (status.equals("succeeded") || status.equals("failed")) {
                assertThat(status).as(job.toString()).isEqualTo("succeeded");
                return job;
            }
            assertThat(System.currentTimeMillis()).as("persona job took too long").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
