package de.wattos.character;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Personas and agents offline through the API on a small indexed site: generation, agents in the character's
 * form of address, the {@code character} event domain, and every kind of bad input the issue names (no indexed
 * content 409, {@code maxPersonas} out of range 400, unknown and foreign ids 404).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonaAgentApiTest {

    @LocalServerPort
    int port;
    TestApi api;
    TestApi.Tenant tenant;
    String base;
    String editor;
    String space;
    String characterId;
    List<String> personaIds;
    String agentId;

    @BeforeAll
    void generate() throws Exception {
        api = new TestApi(port);
        tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        editor = api.userToken(tenant.slug(), Role.EDITOR);
        space = CharacterFixtures.indexedSpace(api, base, editor);
        JsonNode proposal = api.post(base + "/characters/define", editor, Map.of("prompt",
                "Freundlicher Assistent Bolli der Gemeinde Bad Boll, duzt, hilft bei Kita und Pflege, keine Rechtsberatung, "
                        + "Kontakt info@bad-boll.de")).json().get("character");
        TestApi.Response saved = api.post(base + "/characters?makeDefault=true", editor, proposal);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        characterId = saved.json().get("id").asString();
        TestApi.Response job = api.post(base + "/personas/generate", editor,
                Map.of("characterId", characterId, "spaceIds", List.of(space), "minQualityScore", 0.0, "maxPersonas", 4));
        assertThat(job.status()).as(job.toString()).isEqualTo(202);
        JsonNode done = CharacterFixtures.awaitJob(api, base, editor, job.json().get("id").asString());
        assertThat(done.get("result").get("namedBy").asString()).isEqualTo("rules");
        personaIds = api.get(base + "/personas?jobId=" + done.get("id").asString(), editor).json().get("items")
                .valueStream().map(p -> p.get("id").asString()).toList();
        assertThat(personaIds).hasSizeBetween(2, 4);
        TestApi.Response agents = api.post(base + "/agents/generate", editor, Map.of("personaIds", personaIds.subList(0, 1)));
        assertThat(agents.status()).as(agents.toString()).isEqualTo(201);
        agentId = agents.json().get("items").get(0).get("id").asString();
    }

    @Test
    void theAgentSpeaksInTheCharactersFormOfAddressIncludingItsRefusal() {
        JsonNode agent = api.get(base + "/agents/" + agentId, editor).json().get("agent");
        String prompt = agent.get("systemPrompt").asString();
        assertThat(prompt).contains("Duze die Menschen").contains("Rechtsberatung")
                .contains("Zu diesem Thema kann ich dir leider keine Auskunft geben. Wende dich bitte an: E-Mail: info@bad-boll.de")
                .doesNotContain("wenden Sie sich");
        JsonNode character = api.get(base + "/characters/" + characterId, editor).json().get("character");
        assertThat(character.get("refusalText").asString()).contains("Wende dich bitte an");

        // an edited refusal text is the character's own
        Map<String, Object> changed = TestApi.JSON.convertValue(character, Map.class);
        changed.put("refusalText", "Da bin ich raus – frag bitte im Rathaus nach.");
        assertThat(api.put(base + "/characters/" + characterId, editor, changed).json().get("character").get("refusalText").asString())
                .isEqualTo("Da bin ich raus – frag bitte im Rathaus nach.");
        changed.put("refusalText", "x".repeat(1001));
        assertThat(api.put(base + "/characters/" + characterId, editor, changed).status()).isEqualTo(400);
    }

    @Test
    void personaGenerationWithoutIndexedContentIsAConflictInGermanAndEnglish() {
        TestApi.Tenant empty = api.createTenant();
        String emptyBase = "/api/v1/tenants/" + empty.slug();
        String emptyEditor = api.userToken(empty.slug(), Role.EDITOR);
        TestApi.Response german = api.post(emptyBase + "/personas/generate", emptyEditor, Map.of());
        assertThat(german.status()).as(german.toString()).isEqualTo(409);
        assertThat(german.header("Content-Type")).startsWith("application/problem+json");
        assertThat(german.code()).isEqualTo("no_indexed_content");
        assertThat(german.json().get("detail").asString()).contains("noch kein Inhalt indexiert");
        TestApi.Response english = api.send(api.builder(emptyBase + "/personas/generate", emptyEditor)
                .header("Accept-Language", "en").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(english.status()).isEqualTo(409);
        assertThat(english.json().get("detail").asString()).contains("No content is indexed");
        // a space of its own that holds nothing is no content either
        String emptySpace = api.post(emptyBase + "/spaces", emptyEditor, Map.of("name", "Leer")).json().get("id").asString();
        assertThat(api.post(emptyBase + "/personas/generate", emptyEditor, Map.of("spaceIds", List.of(emptySpace))).code())
                .isEqualTo("no_indexed_content");
    }

    @Test
    void refusesOutOfRangeAndMalformedGenerationRequests() {
        for (Object max : List.of(0, 21, -1)) {
            TestApi.Response r = api.post(base + "/personas/generate", editor, Map.of("maxPersonas", max));
            assertThat(r.status()).as("maxPersonas " + max + ": " + r).isEqualTo(400);
            assertThat(r.body()).contains("maxPersonas");
        }
        for (Object min : List.of(-0.1, 1.5)) {
            assertThat(api.post(base + "/personas/generate", editor, Map.of("minQualityScore", min)).status()).isEqualTo(400);
        }
        assertThat(api.post(base + "/personas/generate", editor, Map.of("maxPersonas", "viele")).status()).isEqualTo(400);
        assertThat(api.post(base + "/personas/generate", editor, Map.of("spaceIds", List.of("keine-uuid"))).status()).isEqualTo(400);
        assertThat(api.post(base + "/personas/generate", editor, Map.of("characterId", UUID.randomUUID())).status()).isEqualTo(404);
        assertThat(api.post(base + "/personas/generate", editor, Map.of("spaceIds", List.of(UUID.randomUUID()))).status()).isEqualTo(404);

        assertThat(api.post(base + "/agents/generate", editor, Map.of("personaIds", List.of())).status()).isEqualTo(400);
        assertThat(api.post(base + "/agents/generate", editor, Map.of()).status()).isEqualTo(400);
        assertThat(api.post(base + "/agents/generate", editor, Map.of("personaIds", List.of(UUID.randomUUID()))).status()).isEqualTo(404);
        long agentsBefore = api.get(base + "/agents", editor).json().get("total").asLong();
        // one unknown id among known ones generates nothing
        assertThat(api.post(base + "/agents/generate", editor,
                Map.of("personaIds", List.of(personaIds.getFirst(), UUID.randomUUID().toString()))).status()).isEqualTo(404);
        assertThat(api.get(base + "/agents", editor).json().get("total").asLong()).isEqualTo(agentsBefore);
        assertThat(api.post(base + "/agents/" + agentId + "/status", editor, Map.of("status", "live")).status()).isEqualTo(400);
        assertThat(api.put(base + "/personas/" + personaIds.getFirst(), editor, Map.of("languageLevel", "kompliziert")).status()).isEqualTo(400);
        assertThat(api.put(base + "/personas/" + personaIds.getFirst(), editor, Map.of("typicalQuestions", List.of("Nur eine?"))).status())
                .isEqualTo(400);
    }

    @Test
    void anotherTenantsIdsAreNotFound() {
        TestApi.Tenant other = api.createTenant();
        String otherBase = "/api/v1/tenants/" + other.slug();
        String otherEditor = api.userToken(other.slug(), Role.EDITOR);

        assertThat(api.get(otherBase + "/personas/" + personaIds.getFirst(), otherEditor).status()).isEqualTo(404);
        assertThat(api.put(otherBase + "/personas/" + personaIds.getFirst(), otherEditor, Map.of("name", "Fremd")).status()).isEqualTo(404);
        assertThat(api.post(otherBase + "/personas/" + personaIds.getFirst() + "/approve", otherEditor, Map.of()).status()).isEqualTo(404);
        assertThat(api.delete(otherBase + "/personas/" + personaIds.getFirst(), otherEditor).status()).isEqualTo(404);
        assertThat(api.post(otherBase + "/agents/generate", otherEditor, Map.of("personaIds", personaIds)).status()).isEqualTo(404);
        assertThat(api.get(otherBase + "/agents/" + agentId, otherEditor).status()).isEqualTo(404);
        assertThat(api.post(otherBase + "/agents/" + agentId + "/validate", otherEditor, Map.of()).status()).isEqualTo(404);
        assertThat(api.post(otherBase + "/agents/" + agentId + "/status", otherEditor, Map.of("status", "in_review")).status()).isEqualTo(404);
        assertThat(api.get(otherBase + "/agents/" + agentId + "/versions", otherEditor).status()).isEqualTo(404);
        assertThat(api.get(otherBase + "/characters/" + characterId + "/versions", otherEditor).status()).isEqualTo(404);
        // naming another tenant's character or space in a generation request of one's own
        assertThat(api.post(otherBase + "/personas/generate", otherEditor, Map.of("characterId", characterId)).status()).isEqualTo(404);
        assertThat(api.post(otherBase + "/personas/generate", otherEditor, Map.of("spaceIds", List.of(space))).status()).isEqualTo(404);
        // and a widget of one's own cannot be bound to another tenant's agent
        TestApi.Response widget = api.post(otherBase + "/widgets", otherEditor, Map.of("name", "Fremd", "agentId", agentId));
        assertThat(widget.status()).as(widget.toString()).isIn(400, 404);
        // the owner still sees everything unchanged
        assertThat(api.get(base + "/agents/" + agentId, editor).json().get("status").asString()).isEqualTo("draft");
    }

    @Test
    void publishingNeedsAPassedValidationAndWithFourEyesAnotherTenantAdmin() {
        // typical questions the small site answers, so the agent's validation can pass
        String personaId = personaIds.getLast();
        TestApi.Response edited = api.put(base + "/personas/" + personaId, editor, Map.of("typicalQuestions", List.of(
                "Wie melde ich mein Kind über das Kita-Portal für einen Betreuungsplatz an?",
                "Wann ist die Pflegeberatung im Rathaus?",
                "Wo melde ich ein Gewerbe an und was kostet die Gewerbeanmeldung?",
                "Was brauchen Neubürger für die Anmeldung des Wohnsitzes?",
                "Wann lädt der Seniorentreff Rentnerinnen und Rentner ein?")));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        String author = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        JsonNode agent = api.post(base + "/agents/generate", author, Map.of("personaIds", List.of(personaId), "validate", false))
                .json().get("items").get(0);
        String id = agent.get("id").asString();
        assertThat(agent.path("validation").isNull() || agent.path("validation").isMissingNode()).isTrue();
        assertThat(api.post(base + "/agents/" + id + "/status", author, Map.of("status", "in_review")).status()).isEqualTo(200);
        TestApi.Response unvalidated = api.post(base + "/agents/" + id + "/status", author, Map.of("status", "published"));
        assertThat(unvalidated.code()).isEqualTo("validation_required");
        JsonNode validated = api.post(base + "/agents/" + id + "/validate", author, Map.of()).json();
        assertThat(validated.get("validation").get("passed").asBoolean()).as(validated.get("validation").toString()).isTrue();
        assertThat(validated.get("validation").toString()).contains(" von 5 typischen Fragen finden belegte Passagen (Schwelle 60 %)");

        TestApi.Response fourEyes = api.put(base, api.adminToken(), Map.of("slug", tenant.slug(), "name", "Gemeinde Bad Boll",
                "settings", Map.of("agentFourEyes", true)));
        assertThat(fourEyes.status()).as(fourEyes.toString()).isEqualTo(200);
        try {
            assertThat(api.post(base + "/agents/" + id + "/status", editor, Map.of("status", "published")).status()).isEqualTo(403);
            TestApi.Response own = api.post(base + "/agents/" + id + "/status", author, Map.of("status", "published"));
            assertThat(own.code()).isEqualTo("four_eyes");
            assertThat(own.json().get("detail").asString()).contains("Vier-Augen-Prinzip");
            TestApi.Response published = api.post(base + "/agents/" + id + "/status", api.userToken(tenant.slug(), Role.TENANT_ADMIN),
                    Map.of("status", "published"));
            assertThat(published.status()).as(published.toString()).isEqualTo(200);
            assertThat(published.json().get("status").asString()).isEqualTo("published");
            assertThat(api.get(base + "/agents/" + id + "/versions", editor).json().size()).isGreaterThanOrEqualTo(3);
        } finally {
            api.put(base, api.adminToken(), Map.of("slug", tenant.slug(), "name", "Gemeinde Bad Boll", "settings", Map.of()));
        }
    }

    @Test
    void changesGoOutOnTheCharacterEventDomain() throws Exception {
        String admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        HttpResponse<InputStream> stream = api.http().send(api.builder(base + "/events?topics=character.*", admin)
                .timeout(Duration.ofMinutes(2)).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        BlockingQueue<String> topics = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        topics.add(line.substring(6).strip());
                    }
                }
            } catch (Exception closed) {
                // the test closed the stream
            }
        });
        try {
            TestApi.Response created = api.post(base + "/characters", editor, Map.of("name", "Ereignis"));
            assertThat(created.status()).isEqualTo(201);
            assertThat(api.post(base + "/personas/" + personaIds.getLast() + "/approve", editor, Map.of()).status()).isEqualTo(200);
            assertThat(api.post(base + "/agents/" + agentId + "/validate", editor, Map.of()).status()).isEqualTo(200);
            assertThat(topics.poll(30, TimeUnit.SECONDS)).isEqualTo("character.character.created");
            assertThat(topics.poll(30, TimeUnit.SECONDS)).isEqualTo("character.persona.approved");
            assertThat(topics.poll(30, TimeUnit.SECONDS)).isEqualTo("character.agent.validated");
        } finally {
            stream.body().close();
            reader.interrupt();
        }
        // the audit trail records them by their type
        JsonNode audit = api.get(base + "/audit?action=persona.approved", admin).json();
        assertThat(audit.get("items").findValuesAsString("action")).contains("persona.approved");
    }
}
