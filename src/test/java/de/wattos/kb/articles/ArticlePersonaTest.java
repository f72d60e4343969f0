package de.wattos.kb.articles;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.wattos.IntegrationTest;
import de.wattos.character.CharacterFixtures;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Articles addressed to personas: the ids are checked against the tenant's personas (unknown or another tenant's:
 * 400 on {@code personaIds}), travel in the sync payload, and decide what an agent serving a persona gets: its
 * persona's article first, articles for everyone too, articles for other personas never.
 */
@IntegrationTest
class ArticlePersonaTest {

    @LocalServerPort int port;
    @Autowired JsonMapper json;
    final List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());

    record Tenant(String base, String editor, String reviewer, String admin, String space, List<String> personas) {
    }

    @Test
    void anAgentServingAPersonaGetsItsArticlesAndThoseForEveryoneButNeverOthers() throws Exception {
        TestApi api = new TestApi(port);
        Tenant t = tenantWithPersonas(api);
        String p1 = t.personas().get(0);
        String p2 = t.personas().get(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", this::hook);
        receiver.start();
        try {
            assertThat(api.post(t.base() + "/kb/sync-targets", t.admin(), Map.of("name", "Spiegel", "type", "webhook",
                    "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "secret", "s3cret-signing"))
                    .status()).isEqualTo(201);

            // bad input first: an unknown persona, and one of another tenant
            TestApi.Response unknown = api.post(t.base() + "/kb/articles", t.editor(), article(t.space(), "X", "Text.",
                    List.of(UUID.randomUUID().toString())));
            assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
            assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("personaIds");
            assertThat(unknown.json().get("errors").get(0).get("message").asString()).contains("Zielgruppe");
            Tenant other = tenantWithPersonas(api);
            TestApi.Response foreign = api.post(t.base() + "/kb/articles", t.editor(), article(t.space(), "X", "Text.",
                    List.of(other.personas().getFirst())));
            assertThat(foreign.status()).as("another tenant's persona").isEqualTo(400);
            assertThat(api.post(t.base() + "/kb/articles", t.editor(), Map.of("spaceId", t.space(), "title", "X",
                    "body", "Text.", "personaIds", List.of("keine-uuid"))).status()).isEqualTo(400);

            String forP1 = publish(api, t, article(t.space(), "Lastenrad-Zuschuss für Ihre Zielgruppe",
                    "Für Lastenräder gibt es einen Zuschuss von 300 Euro; Antrag im Bürgerbüro am Lindenplatz.", List.of(p1)));
            String forP2 = publish(api, t, article(t.space(), "Lastenrad-Zuschuss für die andere Zielgruppe",
                    "Für Lastenräder gibt es einen Zuschuss von 800 Euro; Antrag bei der Wirtschaftsförderung Kastanienallee.",
                    List.of(p2)));
            String forAll = publish(api, t, article(t.space(), "Lastenräder ausleihen",
                    "Lastenräder leihen Sie kostenlos an der Verleihstation am Bahnhof Quellenhausen aus.", List.of()));
            assertThat(api.get(t.base() + "/kb/articles/" + forP1, t.editor()).json().get("personaIds").get(0).asString())
                    .isEqualTo(p1);

            // search as each persona sees it
            assertThat(documentsFound(api, t, "Lastenräder Zuschuss Antrag", null))
                    .contains(documentOf(api, t, forP1), documentOf(api, t, forP2), documentOf(api, t, forAll));
            assertThat(documentsFound(api, t, "Lastenräder Zuschuss Antrag", p1))
                    .contains(documentOf(api, t, forP1), documentOf(api, t, forAll))
                    .doesNotContain(documentOf(api, t, forP2));
            assertThat(documentsFound(api, t, "Lastenräder Zuschuss Antrag", p2))
                    .contains(documentOf(api, t, forP2)).doesNotContain(documentOf(api, t, forP1));

            // the agent serving persona 1 answers from its article, never from persona 2's
            TestApi.Response agents = api.post(t.base() + "/agents/generate", t.editor(), Map.of("personaIds", List.of(p1),
                    "validate", false));
            assertThat(agents.status()).as(agents.toString()).isEqualTo(201);
            String agentId = agents.json().get("items").get(0).get("id").asString();
            TestApi.Response conversation = api.post(t.base() + "/conversations", t.admin(), Map.of("agentId", agentId));
            assertThat(conversation.status()).as(conversation.toString()).isEqualTo(201);
            TestApi.Response asked = api.post(t.base() + "/conversations/" + conversation.json().get("id").asString()
                    + "/messages", t.admin(), Map.of("content", "Gibt es einen Zuschuss für Lastenräder?"));
            assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
            JsonNode answer = asked.json().get("message");
            List<String> cited = new ArrayList<>();
            answer.get("citations").forEach(c -> cited.add(c.get("title").asString()));
            assertThat(answer.get("content").asString()).as(answer.toString()).contains("300 Euro")
                    .doesNotContain("800 Euro").doesNotContain("Kastanienallee");
            assertThat(cited).as("its persona's article comes first").first()
                    .isEqualTo("Lastenrad-Zuschuss für Ihre Zielgruppe");
            assertThat(cited).doesNotContain("Lastenrad-Zuschuss für die andere Zielgruppe");
            // asked for exactly what only the other persona's article says, it still does not serve it
            TestApi.Response pointed = api.post(t.base() + "/conversations/" + conversation.json().get("id").asString()
                    + "/messages", t.admin(), Map.of("content", "Welchen Zuschuss zahlt die Wirtschaftsförderung Kastanienallee?"));
            assertThat(pointed.status()).as(pointed.toString()).isEqualTo(200);
            JsonNode pointedAnswer = pointed.json().get("message");
            assertThat(pointedAnswer.get("content").asString()).as(pointedAnswer.toString()).doesNotContain("800 Euro");
            pointedAnswer.get("citations").forEach(c -> assertThat(c.get("title").asString())
                    .isNotEqualTo("Lastenrad-Zuschuss für die andere Zielgruppe"));

            // the sync targets learn whom each article is for
            long deadline = System.currentTimeMillis() + 30_000;
            while (items("article:" + forAll).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(items("article:" + forP1)).singleElement()
                    .satisfies(i -> assertThat(i.get("personaIds").toString()).isEqualTo("[\"" + p1 + "\"]"));
            assertThat(items("article:" + forAll)).singleElement()
                    .satisfies(i -> assertThat(i.get("personaIds").isEmpty()).isTrue());

            // a new version that changes only the personas (same text) reaches search at once
            JsonNode current = api.get(t.base() + "/kb/articles/" + forP1, t.editor()).json();
            Map<String, Object> moved = article(t.space(), current.get("title").asString(), current.get("body").asString(), List.of(p2));
            moved.remove("spaceId");
            moved.put("version", current.get("version").asInt());
            TestApi.Response edited = api.put(t.base() + "/kb/articles/" + forP1, t.editor(), moved);
            assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
            String path = t.base() + "/kb/articles/" + forP1;
            assertThat(api.post(path + "/submit", t.editor(), Map.of()).status()).isEqualTo(200);
            assertThat(api.post(path + "/approve", t.reviewer(), Map.of()).status()).isEqualTo(200);
            assertThat(api.post(path + "/publish", t.editor(), Map.of()).status()).isEqualTo(200);
            assertThat(documentsFound(api, t, "Lastenräder Zuschuss Antrag", p2)).as("now addressed to persona 2")
                    .contains(documentOf(api, t, forP1));
            assertThat(documentsFound(api, t, "Lastenräder Zuschuss Antrag", p1)).as("no longer to persona 1")
                    .doesNotContain(documentOf(api, t, forP1));
        } finally {
            receiver.stop(0);
        }
    }

    private Tenant tenantWithPersonas(TestApi api) throws InterruptedException {
        TestApi.Tenant tenant = api.createTenant();
        String base = "/api/v1/tenants/" + tenant.slug();
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String space = CharacterFixtures.indexedSpace(api, base, editor);
        JsonNode proposal = api.post(base + "/characters/define", editor, Map.of("prompt",
                "Freundlicher Assistent der Gemeinde Bad Boll, siezt, hilft Familien und Betrieben")).json().get("character");
        TestApi.Response saved = api.post(base + "/characters?makeDefault=true", editor, proposal);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        TestApi.Response job = api.post(base + "/personas/generate", editor, Map.of("characterId",
                saved.json().get("id").asString(), "spaceIds", List.of(space), "minQualityScore", 0.0, "maxPersonas", 3));
        assertThat(job.status()).as(job.toString()).isEqualTo(202);
        JsonNode done = CharacterFixtures.awaitJob(api, base, editor, job.json().get("id").asString());
        List<String> personas = api.get(base + "/personas?jobId=" + done.get("id").asString(), editor).json().get("items")
                .valueStream().map(p -> p.get("id").asString()).toList();
        assertThat(personas).as("two personas to tell apart").hasSizeGreaterThanOrEqualTo(2);
        return new Tenant(base, editor, api.userToken(tenant.slug(), Role.REVIEWER),
                api.userToken(tenant.slug(), Role.TENANT_ADMIN), space, personas);
    }

    private static Map<String, Object> article(String space, String title, String body, List<String> personas) {
        Map<String, Object> a = new HashMap<>();
        a.put("spaceId", space);
        a.put("title", title);
        a.put("body", body);
        a.put("questions", List.of("Gibt es einen Zuschuss für Lastenräder?"));
        a.put("personaIds", personas);
        return a;
    }

    private static String publish(TestApi api, Tenant t, Map<String, Object> body) {
        TestApi.Response created = api.post(t.base() + "/kb/articles", t.editor(), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        String path = t.base() + "/kb/articles/" + id;
        assertThat(api.post(path + "/submit", t.editor(), Map.of()).status()).isEqualTo(200);
        assertThat(api.post(path + "/approve", t.reviewer(), Map.of()).status()).isEqualTo(200);
        TestApi.Response published = api.post(path + "/publish", t.editor(), Map.of());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return id;
    }

    private static String documentOf(TestApi api, Tenant t, String article) {
        return api.get(t.base() + "/kb/articles/" + article, t.editor()).json().get("publishedDocumentId").asString();
    }

    private static List<String> documentsFound(TestApi api, Tenant t, String query, String persona) {
        Map<String, Object> body = new HashMap<>(Map.of("query", query, "mode", "lexical", "topK", 20));
        if (persona != null) {
            body.put("filters", Map.of("persona", persona));
        }
        TestApi.Response r = api.post(t.base() + "/search", t.editor(), body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> docs = new ArrayList<>();
        r.json().get("hits").forEach(h -> docs.add(h.get("documentId").asString()));
        return docs;
    }

    private List<JsonNode> items(String itemId) {
        synchronized (received) {
            return received.stream().filter(i -> i.get("itemId").asString().equals(itemId)).toList();
        }
    }

    private void hook(HttpExchange exchange) throws IOException {
        json.readTree(exchange.getRequestBody().readAllBytes()).get("items").forEach(received::add);
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }
}
