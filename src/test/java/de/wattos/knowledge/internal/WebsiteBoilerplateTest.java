package de.wattos.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.wattos.IntegrationTest;
import de.wattos.knowledge.IncomingDocument;
import de.wattos.knowledge.IngestResult;
import de.wattos.knowledge.Ingestion;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Paragraphs repeating across the pages of one source are learned as boilerplate; print/iframe variants are duplicates. */
@IntegrationTest
class WebsiteBoilerplateTest {

    @Autowired Ingestion ingestion;
    @Autowired SpaceService spaces;
    @Autowired JdbcClient jdbc;

    static TenantRef tenant() {
        return new TenantRef(Ids.newId(), "w-" + Ids.newId(), "de", ZoneId.of("Europe/Berlin"));
    }

    @Test
    void repeatedBlocksOfASourceNeverReachTheChunks() {
        TenantContext.runAs(tenant(), () -> {
            UUID space = spaces.create("Web", null, "de").id();
            UUID source = Ids.newId();
            String banner = "Diese Website nutzt ausschließlich technisch notwendige Elemente, damit alles funktioniert.";
            List<UUID> docs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String html = "<html><head><title>Seite " + i + "</title></head><body><div class='hinweis'><p>" + banner + "</p></div>"
                        + "<div class='inhalt'><h1>Thema " + i + "</h1><p>Eigener Inhalt Nummer " + i + " über das Thema "
                        + (i % 2 == 0 ? "Abfall" : "Wasser") + " mit genug eigenem Text, damit er zählt.</p></div></body></html>";
                IngestResult r = ingestion.ingest(new IncomingDocument(space, source, "https://x.de/s" + i, null, "text/html",
                        html.getBytes(StandardCharsets.UTF_8), Map.of()));
                assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.NEW);
                docs.add(r.documentId());
            }
            long withBanner = jdbc.sql("select count(distinct document_id) from knowledge_chunks where space_id = :s and text like :t")
                    .param("s", space).param("t", "%technisch notwendige%").query(Long.class).single();
            assertThat(withBanner).isLessThanOrEqualTo(3);
            // re-crawling an early page cleans it too (its text changed: the banner is gone now)
            String first = "<html><head><title>Seite 0</title></head><body><div class='hinweis'><p>" + banner + "</p></div>"
                    + "<div class='inhalt'><h1>Thema 0</h1><p>Eigener Inhalt Nummer 0 über das Thema Abfall mit genug eigenem "
                    + "Text, damit er zählt.</p></div></body></html>";
            IngestResult again = ingestion.ingest(new IncomingDocument(space, source, "https://x.de/s0", null, "text/html",
                    first.getBytes(StandardCharsets.UTF_8), Map.of()));
            assertThat(again.outcome()).isEqualTo(IngestResult.Outcome.CHANGED);
            assertThat(jdbc.sql("select string_agg(text, ' ') from knowledge_chunks where document_id = :d")
                    .param("d", docs.getFirst()).query(String.class).single()).contains("Eigener Inhalt Nummer 0")
                    .doesNotContain("technisch notwendige");
        });
    }

    @Test
    @Tag("evaldata")
    void ingolstadtPagesKeepTheirContentAndLoseTheirBoilerplate() throws Exception {
        String evaldata = System.getProperty("wattos.evaldata");
        Path site = evaldata == null ? null : Path.of(evaldata, "website/sdg.nachhaltigkeitsagenda-ingolstadt.de");
        assumeTrue(site != null && Files.isDirectory(site), "evaldata website not present: skipping");
        List<Path> pages;
        try (Stream<Path> s = Files.list(site)) {
            pages = s.filter(p -> p.getFileName().toString().matches("(1|2|3)-\\d+(-iframe)?"))
                    .map(p -> p.resolve("index.html")).filter(Files::exists).sorted().limit(24).toList();
        }
        TenantContext.runAs(tenant(), () -> {
            UUID space = spaces.create("Ingolstadt", null, "de").id();
            UUID source = Ids.newId();
            int duplicates = 0;
            for (Path page : pages) {
                String url = "https://sdg.nachhaltigkeitsagenda-ingolstadt.de/" + site.relativize(page.getParent()) + "/";
                IngestResult r;
                try {
                    r = ingestion.ingest(new IncomingDocument(space, source, url, null, "text/html", Files.readAllBytes(page), Map.of()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                assertThat(r.outcome()).as(url + " " + r.reason()).isIn(IngestResult.Outcome.NEW, IngestResult.Outcome.DUPLICATE);
                if (r.outcome() == IngestResult.Outcome.DUPLICATE) {
                    duplicates++;
                }
            }
            // every page has an -iframe twin with the same text: one of each pair is a duplicate
            assertThat(duplicates).isEqualTo(pages.size() / 2);
            List<String> texts = jdbc.sql("select text from knowledge_chunks where space_id = :s").param("s", space)
                    .query(String.class).list();
            assertThat(texts).isNotEmpty();
            assertThat(texts).noneMatch(t -> t.contains("Internet Explorer") || t.toLowerCase().contains("cookie")
                    || t.contains("JavaScript") || t.contains("Zum Inhalt springen"));
            long template = texts.stream().filter(t -> t.contains("Im Folgenden werden die Metadaten")).count();
            assertThat(template).isLessThanOrEqualTo(4);
            assertThat(texts).anyMatch(t -> t.contains("Ingolstadt"));
        });
    }
}
