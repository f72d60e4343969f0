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
