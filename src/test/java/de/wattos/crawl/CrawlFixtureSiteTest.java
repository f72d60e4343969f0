package de.wattos.crawl;

import static de.wattos.crawl.CrawlClient.counter;
import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.knowledge.KnowledgeSearch;
import de.wattos.knowledge.SearchHit;
import de.wattos.knowledge.SearchMode;
import de.wattos.knowledge.SearchQuery;
import de.wattos.platform.TenantContext;
import de.wattos.tenancy.Tenants;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Crawls of a fixture site served on loopback, through the real REST API, into the real knowledge module:
 * robots.txt, sitemaps, redirects, 404/410, timeouts, size limits, PDFs, noindex, canonical, duplicates, and
 * re-crawls that find unchanged, changed and removed pages.
 */
@IntegrationTest
class CrawlFixtureSiteTest {

    @LocalServerPort
    int port;
    @Autowired
    KnowledgeSearch search;
    @Autowired
    Tenants tenants;

    private final FixtureSite site = new FixtureSite();

    @AfterEach
    void stopSite() {
        site.close();
    }

    @Test
    void firstCrawlFollowsTheRulesOfTheSite() {
        CrawlClient client = new CrawlClient(port);
        String base = site.base();
        site.text("/robots.txt", "text/plain", "User-agent: *\nDisallow: /intern/\nSitemap: " + base + "/sitemap.xml\n");
        site.text("/sitemap.xml", "application/xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>%s/nur-in-sitemap</loc></url>
                </urlset>
                """.formatted(base));
        site.page("/", "Startseite der Gemeinde Musterhausen",
                "Willkommen auf den Seiten der Gemeinde Musterhausen. Hier finden Sie Informationen zu Verwaltung und Bürgerservice.",
                "/abfall", "/intern/geheim", "/schleife-1", "/weg-404", "/weg-410", "/langsam", "/riesig", "/satzung.pdf",
                "/noindex", "/noindex-header", "/abfall?print=1", "/alias", "https://example.org/extern", "/merkblatt.docx",
                "/abfall?utm_source=newsletter#oben", "/abfall-alt");
        String abfall = "Der Abfallkalender der Gemeinde Musterhausen nennt die Termine der Müllabfuhr für Restmüll, "
                + "Biotonne und Papiertonne. Die gelben Säcke werden alle zwei Wochen am Dienstag abgeholt.";
        site.page("/abfall", "Abfallkalender", abfall, "/");
        site.page("/abfall?print=1", "Abfallkalender", abfall, "/");
        site.page("/intern/geheim", "Geheim", "Zugangscode Walfisch Sternschnuppe für das interne Netz.");
        site.redirect("/abfall-alt", "/abfall", 301);
        site.redirect("/schleife-1", "/schleife-2", 302);
        site.redirect("/schleife-2", "/schleife-1", 301);
        site.status("/weg-404", 404);
        site.status("/weg-410", 410);
        site.handler("/langsam", exchange -> {
            CrawlClient.sleep(3000);
            FixtureSite.send(exchange, 200, "<html><body>zu spät</body></html>".getBytes());
        });
        site.handler("/riesig", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, 21L * 1024 * 1024);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 21 * 16; i++) {
                    out.write(chunk);
                }
            } catch (IOException expected) {
                // the crawler hangs up as soon as it sees the length
            }
        });
        site.resource("/satzung.pdf", new FixtureSite.Resource(200, "application/pdf",
                TestPdf.of("Hundesteuersatzung der Gemeinde Musterhausen", "Der Steuersatz fuer den ersten Hund betraegt 90 Euro im Jahr."),
                Map.of()));
        site.resource("/merkblatt.docx", new FixtureSite.Resource(200,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                TestDocx.of("Merkblatt Sperrmüll", "Sperrmüll wird zweimal im Jahr kostenlos abgeholt, Anmeldung beim Wertstoffhof."),
                Map.of()));
        site.html("/noindex", "<html><head><title>Entwurf</title><meta name=\"robots\" content=\"noindex\"></head>"
                + "<body><p>Entwurf Zitronenfalter Haushaltsplan nicht veröffentlichen.</p></body></html>");
        site.resource("/noindex-header", new FixtureSite.Resource(200, "text/html",
                "<html><body><p>Kopfzeile Pfefferminz Testinhalt ohne Index.</p></body></html>".getBytes(), Map.of())
                .withHeader("X-Robots-Tag", "noindex"));
        site.html("/alias", "<html><head><title>Abfall</title><link rel=\"canonical\" href=\"" + base + "/abfall\"></head>"
                + "<body><p>" + abfall + "</p></body></html>");
        site.page("/nur-in-sitemap", "Öffnungszeiten", "Das Rathaus Musterhausen ist montags bis freitags von 8 bis 12 Uhr geöffnet.");

        String source = client.createSource(base + "/", Map.of("timeoutSeconds", 1));
        JsonNode run = client.crawl(source);

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(counter(run, "discovered")).as(run.toString()).isEqualTo(16);
        assertThat(counter(run, "redirected")).as(run.toString()).isEqualTo(1); // /abfall-alt -> /abfall
        assertThat(counter(run, "fetched")).as(run.toString()).isEqualTo(5);
        assertCountersAddUp(run);
        assertThat(counter(run, "new")).as(run.toString()).isEqualTo(5); // start, abfall, pdf, docx, nur-in-sitemap
        assertThat(counter(run, "skipped")).as(run.toString()).isEqualTo(5); // robots, 2x noindex, canonical, print duplicate
        assertThat(counter(run, "failed")).as(run.toString()).isEqualTo(5);
        List<String> failures = new ArrayList<>();
        run.get("failures").forEach(f -> failures.add(f.get("url").asString().replace(base, "") + " " + f.get("reason").asString()
                + " " + (f.get("httpStatus").isNull() ? "-" : f.get("httpStatus").asInt())));
        assertThat(failures).containsExactlyInAnyOrder("/schleife-1 redirect_loop 301", "/weg-404 gone 404",
                "/weg-410 gone 410", "/langsam timeout -", "/riesig too_large 200");

        assertThat(site.hits("/intern/geheim")).as("robots.txt disallows it").isZero();
        assertThat(site.hits("/abfall")).isEqualTo(1);
        assertThat(site.requests()).allSatisfy(r ->
                assertThat(r.userAgent()).isEqualTo("WattOS-Crawler/0.1 (+https://wattos.de/crawler)"));

        assertThat(urlsFound(client, "Abfallkalender Müllabfuhr Biotonne")).contains(base + "/abfall")
                .doesNotContain(base + "/alias", base + "/abfall?print=1");
        assertThat(urlsFound(client, "Hundesteuersatzung Steuersatz Hund")).contains(base + "/satzung.pdf");
        assertThat(urlsFound(client, "Rathaus Öffnungszeiten montags")).contains(base + "/nur-in-sitemap");
        assertThat(urlsFound(client, "Sperrmüll Wertstoffhof")).contains(base + "/merkblatt.docx");
        // what robots.txt disallows and what says noindex is never indexed (ranking of unrelated pages is knowledge's concern)
        List<String> excluded = List.of(base + "/intern/geheim", base + "/noindex", base + "/noindex-header");
        assertThat(urlsFound(client, "Walfisch Sternschnuppe Zugangscode")).doesNotContainAnyElementsOf(excluded);
        assertThat(urlsFound(client, "Zitronenfalter Haushaltsplan")).doesNotContainAnyElementsOf(excluded);
        assertThat(urlsFound(client, "Pfefferminz Kopfzeile")).doesNotContainAnyElementsOf(excluded);
    }

    @Test
    void recrawlsFindUnchangedChangedAndRemovedPages() {
        CrawlClient client = new CrawlClient(port);
        site.page("/", "Start", "Startseite der Stadt Beispielstadt mit allen Themen im Überblick.", "/a", "/b", "/c");
        site.page("/a", "Kita", "Anmeldung für Kindertagesstätten in Beispielstadt erfolgt über das Kita-Portal.", "/");
        site.page("/b", "Parken", "Bewohnerparkausweise stellt das Ordnungsamt Beispielstadt aus. Gebühr 30 Euro.", "/");
        site.page("/c", "Hallenbad", "Das Hallenbad Beispielstadt hat dienstags Frühschwimmen ab 6 Uhr.", "/");
        String source = client.createSource(site.url("/"), Map.of());

        JsonNode first = client.crawl(source);
        assertThat(counter(first, "new")).as(first.toString()).isEqualTo(4);

        site.clearRequests();
        JsonNode second = client.crawl(source);
        assertThat(counter(second, "unchanged")).as(second.toString()).isEqualTo(4);
        assertThat(counter(second, "new")).isZero();
        assertThat(counter(second, "changed")).isZero();
        assertThat(site.requests()).filteredOn(r -> !r.pathAndQuery().equals("/robots.txt") && !r.pathAndQuery().equals("/sitemap.xml"))
                .as("conditional GETs only").hasSize(4).allSatisfy(r -> assertThat(r.ifNoneMatch()).isNotNull());

        site.page("/b", "Parken", "Bewohnerparkausweise stellt das Bürgeramt Beispielstadt aus. Gebühr 45 Euro.", "/");
        JsonNode third = client.crawl(source);
        assertThat(counter(third, "changed")).as(third.toString()).isEqualTo(1);
        assertThat(counter(third, "unchanged")).isEqualTo(3);
        assertThat(urlsFound(client, "Bewohnerparkausweise Bürgeramt Gebühr")).contains(site.url("/b"));

        site.status("/c", 404);
        JsonNode fourth = client.crawl(source);
        assertThat(counter(fourth, "removed")).as("one miss is not enough: " + fourth).isZero();
        assertThat(counter(fourth, "failed")).isEqualTo(1);
        assertThat(urlsFound(client, "Hallenbad Frühschwimmen")).contains(site.url("/c"));
        JsonNode fifth = client.crawl(source);
        assertThat(counter(fifth, "removed")).as(fifth.toString()).isEqualTo(1);
        assertThat(urlsFound(client, "Hallenbad Frühschwimmen")).doesNotContain(site.url("/c"));

        // excluded now: gone after two runs as well
        var patch = client.api.raw("PATCH", client.sourcesPath() + "/" + source, client.editor, "application/json",
                "{\"excludePatterns\":[\"/a\"]}".getBytes());
        assertThat(patch.status()).as(patch.toString()).isEqualTo(200);
        assertThat(counter(client.crawl(source), "removed")).isZero();
        assertThat(counter(client.crawl(source), "removed")).isEqualTo(1);
        assertThat(urlsFound(client, "Kindertagesstätten Kita-Portal")).doesNotContain(site.url("/a"));
    }

    @Test
    void aPageThatTurnsNoindexIsRemovedAtOnce() {
        CrawlClient client = new CrawlClient(port);
        site.page("/", "Start", "Startseite des Landratsamts Beispielkreis.", "/entwurf");
        site.page("/entwurf", "Bauleitplanung", "Der Bebauungsplan Sonnenhang liegt im Landratsamt zur Einsicht aus.", "/");
        String source = client.createSource(site.url("/"), Map.of());
        assertThat(counter(client.crawl(source), "new")).isEqualTo(2);
        assertThat(urlsFound(client, "Bebauungsplan Sonnenhang")).contains(site.url("/entwurf"));
        site.html("/entwurf", "<html><head><meta name=\"robots\" content=\"noindex, nofollow\"></head><body><p>Der "
                + "Bebauungsplan Sonnenhang liegt im Landratsamt zur Einsicht aus.</p></body></html>");
        JsonNode second = client.crawl(source);
        assertThat(counter(second, "removed")).as(second.toString()).isEqualTo(1);
        assertThat(counter(second, "skipped")).isEqualTo(1);
        assertCountersAddUp(second);
        assertThat(urlsFound(client, "Bebauungsplan Sonnenhang")).doesNotContain(site.url("/entwurf"));
    }

    @Test
    void credentialsGoOnlyToTheSourcesHost() {
        CrawlClient client = new CrawlClient(port);
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString("redaktion:geheim123".getBytes());
        site.handler("/", exchange -> {
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"intranet\"");
                FixtureSite.send(exchange, 401, new byte[0]);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            FixtureSite.send(exchange, 200, ("<html><head><title>Intranet</title></head><body><p>Dienstanweisung "
                    + "Reisekosten für Mitarbeitende der Verwaltung Musterhausen.</p></body></html>").getBytes(
                            java.nio.charset.StandardCharsets.UTF_8));
        });
        String source = client.createSource(site.url("/"),
                Map.of("credentials", Map.of("username", "redaktion", "password", "geheim123")));
        JsonNode run = client.crawl(source);
        assertThat(counter(run, "new")).as(run.toString()).isEqualTo(1);
        assertThat(urlsFound(client, "Dienstanweisung Reisekosten")).contains(site.url("/"));
    }

    private List<String> urlsFound(CrawlClient client, String query) {
        var ref = tenants.ref(client.tenant.id()).orElseThrow();
        return TenantContext.callAs(ref, () -> search.search(new SearchQuery(query,
                List.of(UUID.fromString(client.spaceId)), 10, SearchMode.LEXICAL, Map.of())))
                .hits().stream().map(SearchHit::url).distinct().toList();
    }

    /** Every discovered URL ends in exactly one state. */
    static void assertCountersAddUp(JsonNode run) {
        assertThat(counter(run, "fetched") + counter(run, "redirected") + counter(run, "skipped") + counter(run, "failed"))
                .as("fetched + redirected + skipped + failed = discovered: %s", run).isEqualTo(counter(run, "discovered"));
        assertThat(counter(run, "fetched")).as(run.toString())
                .isEqualTo(counter(run, "new") + counter(run, "changed") + counter(run, "unchanged"));
    }
}
