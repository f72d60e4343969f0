package de.wattos.kb;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.crawl.CrawlClient;
import de.wattos.crawl.FixtureSite;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A website source that requires approval, crawled for real from a loopback site: new, changed and missing pages
 * wait in the review queue while search keeps serving the old text; approval (one by one or in bulk) makes the new
 * text searchable, rejection keeps the old one and is not asked again for the same text.
 */
@IntegrationTest
class CrawlChangeReviewTest {

    @LocalServerPort int port;
    FixtureSite site;
    CrawlClient crawl;
    TestApi api;
    String admin;
    String changes;
    String source;

    @BeforeEach
    void setUp() {
        site = new FixtureSite();
        crawl = new CrawlClient(port);
        api = crawl.api;
        admin = api.userToken(crawl.tenant.slug(), Role.TENANT_ADMIN);
        changes = crawl.tenantPath("/kb/changes");
        site.page("/", "Rathaus Quellenhausen", "Willkommen im Rathaus der Gemeinde Quellenhausen.", "/abfall", "/kita");
        site.page("/abfall", "Abfall", "Der Sperrmüll wird zweimal im Jahr abgeholt. Die Anmeldung erfolgt im Bürgerbüro.");
        site.page("/kita", "Kita", "Die Kita Sonnenschein hat vierzig Plätze für Kinder ab einem Jahr.");
        source = crawl.createSource(site.url("/"), Map.of("requiresApproval", true, "maxDepth", 2));
    }

    @AfterEach
    void stopSite() {
        site.close();
    }

    @Test
    void crawlChangesWaitForApprovalWhileTheOldVersionServes() {
        TestApi.Response stored = api.get(crawl.tenantPath("/sources/" + source), crawl.editor);
        assertThat(stored.json().get("requiresApproval").asBoolean()).isTrue();

        assertThat(crawl.crawl(source).get("status").asString()).isEqualTo("succeeded");
        List<JsonNode> pending = pending();
        assertThat(pending).extracting(c -> c.get("kind").asString()).containsOnly("NEW");
        assertThat(pending).extracting(c -> c.get("url").asString())
                .containsExactlyInAnyOrder(site.url("/"), site.url("/abfall"), site.url("/kita"));
        assertThat(pending.getFirst().get("kindLabel").asString()).isEqualTo("Neue Seite");
        assertThat(hits("Sperrmüll")).as("nothing serves before approval").isEmpty();

        TestApi.Response byEditor = api.post(changes + "/approve", crawl.editor, Map.of("ids", ids(pending)));
        assertThat(byEditor.status()).as("an editor is no reviewer").isEqualTo(403);
        TestApi.Response bulk = api.post(changes + "/approve", admin, Map.of("ids", ids(pending)));
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(200);
        assertThat(bulk.json().get("approved").asInt()).isEqualTo(3);
        assertThat(hits("Sperrmüll")).hasSize(1);
        assertThat(pending()).isEmpty();

        // a changed page is held: the old sentence keeps serving, the diff marks only the changed sentence
        site.page("/abfall", "Abfall", "Der Sperrmüll wird viermal im Jahr abgeholt. Die Anmeldung erfolgt im Bürgerbüro.");
        crawl.crawl(source);
        pending = pending();
        assertThat(pending).hasSize(1);
        JsonNode change = pending.getFirst();
        assertThat(change.get("kind").asString()).isEqualTo("CHANGED");
        assertThat(hits("viermal")).isEmpty();
        assertThat(hits("zweimal")).hasSize(1);
        String one = changes + "/" + change.get("id").asString();
        JsonNode detail = api.get(one, crawl.editor).json();
        assertThat(detail.get("oldText").asString()).contains("zweimal");
        assertThat(detail.get("newText").asString()).contains("viermal");
        assertThat(changed(detail.get("diff").get("oldSide"))).containsExactly("Der Sperrmüll wird zweimal im Jahr abgeholt.");
        assertThat(changed(detail.get("diff").get("newSide"))).containsExactly("Der Sperrmüll wird viermal im Jahr abgeholt.");
        assertThat(unchanged(detail.get("diff").get("newSide"))).contains("Die Anmeldung erfolgt im Bürgerbüro.");

        // rejected: the old version stays and the same text is not proposed again
        TestApi.Response rejected = api.post(one + "/reject", admin, Map.of("comment", "Termin ist falsch."));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.json().get("change").get("status").asString()).isEqualTo("REJECTED");
        assertThat(api.post(one + "/approve", admin, Map.of()).code()).isEqualTo("change_not_pending");
        crawl.crawl(source);
        assertThat(pending()).isEmpty();
        assertThat(hits("zweimal")).hasSize(1);
        assertThat(hits("viermal")).isEmpty();

        // another change is approved: the new text serves instead of the old
        site.page("/abfall", "Abfall", "Der Sperrmüll wird dreimal im Jahr abgeholt. Die Anmeldung erfolgt im Bürgerbüro.");
        crawl.crawl(source);
        pending = pending();
        assertThat(pending).hasSize(1);
        TestApi.Response approved = api.post(changes + "/" + pending.getFirst().get("id").asString() + "/approve", admin, null);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(hits("dreimal")).hasSize(1);
        assertThat(hits("zweimal")).isEmpty();

        // a page that went missing needs approval to disappear
        site.status("/kita", 404);
        crawl.crawl(source);
        crawl.crawl(source);
        pending = pending();
        assertThat(pending).extracting(c -> c.get("kind").asString()).containsExactly("REMOVED");
        assertThat(hits("Sonnenschein")).as("still served until approved").hasSize(1);
        JsonNode removal = api.get(changes + "/" + pending.getFirst().get("id").asString(), admin).json();
        assertThat(removal.get("oldText").asString()).contains("Sonnenschein");
        assertThat(api.post(changes + "/" + pending.getFirst().get("id").asString() + "/approve", admin, Map.of()).status())
                .isEqualTo(200);
        assertThat(hits("Sonnenschein")).isEmpty();
        crawl.crawl(source);
        assertThat(pending()).isEmpty();

        JsonNode history = api.get(changes + "?status=all&size=50", crawl.editor).json();
        assertThat(history.get("total").asInt()).isEqualTo(6);
        assertThat(api.get(changes + "?status=bogus", crawl.editor).status()).isEqualTo(400);
        assertThat(api.get(changes + "/" + java.util.UUID.randomUUID(), crawl.editor).status()).isEqualTo(404);
        JsonNode audit = api.get(crawl.tenantPath("/audit?action=kb.change.approved&size=50"), admin).json();
        assertThat(audit.get("total").asInt()).isEqualTo(5);
    }

    @Test
    void aSourceWithoutApprovalIsIndexedAtOnce() {
        api.raw("PATCH", crawl.sourcesPath() + "/" + source, crawl.editor, "application/json",
                "{\"requiresApproval\": false}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        crawl.crawl(source);
        assertThat(pending()).isEmpty();
        assertThat(hits("Sperrmüll")).hasSize(1);
    }

    private List<JsonNode> pending() {
        TestApi.Response r = api.get(changes + "?size=100", crawl.editor);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        r.json().get("items").forEach(items::add);
        return items;
    }

    private static List<String> ids(List<JsonNode> changes) {
        return changes.stream().map(c -> c.get("id").asString()).toList();
    }

    private static List<String> changed(JsonNode side) {
        List<String> out = new ArrayList<>();
        side.forEach(s -> {
            if (s.get("changed").asBoolean()) {
                out.add(s.get("text").asString());
            }
        });
        return out;
    }

    private static List<String> unchanged(JsonNode side) {
        List<String> out = new ArrayList<>();
        side.forEach(s -> {
            if (!s.get("changed").asBoolean()) {
                out.add(s.get("text").asString());
            }
        });
        return out;
    }

    private List<JsonNode> hits(String query) {
        TestApi.Response r = api.post(crawl.tenantPath("/search"), crawl.editor, Map.of("query", query, "mode", "lexical"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> hits = new ArrayList<>();
        r.json().get("hits").forEach(hits::add);
        return hits;
    }
}
