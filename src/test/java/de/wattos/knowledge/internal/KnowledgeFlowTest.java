package de.wattos.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.knowledge.IncomingDocument;
import de.wattos.knowledge.IngestResult.Outcome;
import de.wattos.knowledge.Ingestion;
import de.wattos.knowledge.KnowledgeSearch;
import de.wattos.knowledge.KnowledgeSpaces;
import de.wattos.knowledge.SearchHit;
import de.wattos.knowledge.SearchMode;
import de.wattos.knowledge.SearchQuery;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Ingestion, change detection, duplicates, deletes and German retrieval through the module's contracts. */
@IntegrationTest
@org.springframework.test.context.event.RecordApplicationEvents
class KnowledgeFlowTest {

    @Autowired org.springframework.test.context.event.ApplicationEvents events;

    @Autowired Ingestion ingestion;
    @Autowired KnowledgeSearch search;
    @Autowired KnowledgeSpaces knowledgeSpaces;
    @Autowired SpaceService spaces;
    @Autowired JdbcClient jdbc;

    static TenantRef tenant(String slug) {
        return new TenantRef(Ids.newId(), slug, "de", ZoneId.of("Europe/Berlin"));
    }

    static IncomingDocument page(UUID space, UUID source, String url, String body) {
        String html = "<html><head><title>" + url + "</title></head><body><main>" + body + "</main></body></html>";
        return new IncomingDocument(space, source, url, null, "text/html", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    List<SearchHit> find(String query, SearchMode mode) {
        return search.search(new SearchQuery(query, List.of(), 8, mode, Map.of())).hits();
    }

    @Test
    void ingestSearchChangeDuplicateAndRemove() {
        TenantContext.runAs(tenant("t1"), () -> {
            UUID space = spaces.create("Website", null, "de").id();
            assertThat(knowledgeSpaces.exists(space)).isTrue();
            UUID source = Ids.newId();
            var first = ingestion.ingest(page(space, source, "https://x.de/hund",
                    "<h1>Hundesteuer</h1><p>Die Steuer für Hunde beträgt im Jahr 108 Euro für den ersten Hund.</p>"));
            assertThat(first.outcome()).isEqualTo(Outcome.NEW);
            assertThat(first.chunkCount()).isGreaterThan(0);

            List<SearchHit> hits = find("Wie hoch ist die Hundesteuer?", SearchMode.LEXICAL);
            assertThat(hits).isNotEmpty();
            assertThat(hits.getFirst().documentId()).isEqualTo(first.documentId());
            assertThat(hits.getFirst().snippet()).contains("<mark>");

            // unchanged: nothing re-chunked or re-embedded
            List<UUID> chunkIds = chunkIds(first.documentId());
            var again = ingestion.ingest(page(space, source, "https://x.de/hund",
                    "<h1>Hundesteuer</h1><p>Die Steuer für Hunde beträgt im Jahr 108 Euro für den ersten Hund.</p>"));
            assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(chunkIds(first.documentId())).isEqualTo(chunkIds);

            // the same text under another URL (print variant) is a duplicate, indexed once
            var print = ingestion.ingest(page(space, source, "https://x.de/hund?print=1",
                    "<h1>Hundesteuer</h1><p>Die Steuer für Hunde beträgt im Jahr 108 Euro für den ersten Hund.</p>"));
            assertThat(print.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(find("Hundesteuer", SearchMode.LEXICAL)).hasSize(1);

            // changed: chunks replaced
            var changed = ingestion.ingest(page(space, source, "https://x.de/hund",
                    "<h1>Hundesteuer</h1><p>Ab 2026 beträgt die Steuer für Hunde 120 Euro für den ersten Hund.</p>"));
            assertThat(changed.outcome()).isEqualTo(Outcome.CHANGED);
            assertThat(changed.documentId()).isEqualTo(first.documentId());
            assertThat(chunkIds(first.documentId())).doesNotContainAnyElementsOf(chunkIds);
            hits = find("Hundesteuer", SearchMode.HYBRID);
            assertThat(hits).extracting(SearchHit::text).anyMatch(t -> t.contains("120 Euro")).noneMatch(t -> t.contains("108 Euro"));

            assertThat(events.stream(de.wattos.knowledge.DocumentIndexed.class))
                    .extracting(de.wattos.knowledge.DocumentIndexed::outcome).contains("NEW", "CHANGED");

            // removed: gone from search at once
            ingestion.remove(first.documentId());
            assertThat(find("Hundesteuer", SearchMode.HYBRID)).extracting(SearchHit::documentId)
                    .doesNotContain(first.documentId());
            assertThat(find("Hundesteuer", SearchMode.VECTOR)).extracting(SearchHit::documentId)
                    .doesNotContain(first.documentId());
        });
    }

    @Test
    void germanCompoundsMatchTheirParts() {
        TenantContext.runAs(tenant("t2"), () -> {
            UUID space = spaces.create("Satzungen", null, "de").id();
            var dog = ingestion.ingest(new IncomingDocument(space, null, "https://y.de/hunde.txt", "Steuer",
                    "text/plain", "Die Gemeinde erhebt eine Steuer für Hunde. Wer einen Hund hält, muss ihn anmelden."
                            .getBytes(StandardCharsets.UTF_8), Map.of()));
            var other = ingestion.ingest(new IncomingDocument(space, null, "https://y.de/friedhof.txt", "Friedhof",
                    "text/plain", "Die Friedhofssatzung regelt die Ruhezeiten der Gräber.".getBytes(StandardCharsets.UTF_8), Map.of()));
            assertThat(dog.outcome()).isEqualTo(Outcome.NEW);
            assertThat(other.outcome()).isEqualTo(Outcome.NEW);
            assertThat(find("Hundesteuer", SearchMode.LEXICAL)).extracting(SearchHit::documentId).first().isEqualTo(dog.documentId());
            assertThat(find("Hundesteuersatzung", SearchMode.LEXICAL)).extracting(SearchHit::documentId).first().isEqualTo(dog.documentId());
            assertThat(find("Friedhof Ruhezeit", SearchMode.LEXICAL)).extracting(SearchHit::documentId).first().isEqualTo(other.documentId());
            // and the other way round: a compound in the text is found by its part
            assertThat(find("Friedhof", SearchMode.LEXICAL)).extracting(SearchHit::documentId).contains(other.documentId());

            // a compound part alone weighs little against whole words
            var plan = ingestion.ingest(new IncomingDocument(space, null, "https://y.de/plan.txt", "Plan", "text/plain",
                    "Der Haushaltsplan 2026 der Gemeinde wurde beschlossen.".getBytes(StandardCharsets.UTF_8), Map.of()));
            var hall = ingestion.ingest(new IncomingDocument(space, null, "https://y.de/rathaus.txt", "Rathaus", "text/plain",
                    "Das Rathaus Musterhausen ist renoviert. Das Haus hat neue Fenster.".getBytes(StandardCharsets.UTF_8), Map.of()));
            List<SearchHit> hits = find("Zitronenfalter Haushaltsplan", SearchMode.LEXICAL);
            assertThat(hits.getFirst().documentId()).isEqualTo(plan.documentId());
            assertThat(hits).extracting(SearchHit::documentId).doesNotContain(hall.documentId());
            // a word of the query inside a compound of the text still counts, just less than the word itself
            List<SearchHit> haus = find("Haus", SearchMode.LEXICAL);
            assertThat(haus.getFirst().documentId()).isEqualTo(hall.documentId());
        });
    }

    @Test
    void tenantsAndSpacesAreFiltersInsideTheQuery() {
        UUID docA = TenantContext.callAs(tenant("ta"), () -> {
            UUID space = spaces.create("A", null, "de").id();
            return ingestion.ingest(new IncomingDocument(space, null, "https://a.de/x", "A", "text/plain",
                    "Das Bürgerbüro öffnet montags um acht Uhr.".getBytes(StandardCharsets.UTF_8), Map.of())).documentId();
        });
        TenantContext.runAs(tenant("tb"), () -> {
            UUID space = spaces.create("B", null, "de").id();
            ingestion.ingest(new IncomingDocument(space, null, "https://b.de/x", "B", "text/plain",
                    "Die Bibliothek öffnet dienstags.".getBytes(StandardCharsets.UTF_8), Map.of()));
            assertThat(find("Bürgerbüro montags", SearchMode.HYBRID)).extracting(SearchHit::documentId).doesNotContain(docA);
            assertThat(find("Bürgerbüro montags", SearchMode.VECTOR)).extracting(SearchHit::documentId).doesNotContain(docA);
            assertThat(search.search(new SearchQuery("Bibliothek", List.of(Ids.newId()), 8, SearchMode.HYBRID, Map.of())).hits())
                    .isEmpty();
        });
    }

    @Autowired SearchIndex searchIndex;

    @Test
    void aStaleIndexIsCaughtUpFromPostgres() {
        TenantContext.runAs(tenant("t-catchup"), () -> {
            UUID space = spaces.create("Catch-up", null, "de").id();
            UUID doc = ingestion.ingest(new IncomingDocument(space, null, "https://c.de/a", "A", "text/plain",
                    "Der Wertstoffhof hat samstags geöffnet.".getBytes(StandardCharsets.UTF_8), Map.of())).documentId();
            // the index lost a document (crash before commit) and holds one PostgreSQL never had
            searchIndex.writer().delete(doc);
            UUID ghost = Ids.newId();
            searchIndex.writer().replace(ghost, 1, List.of(new ChunkWriter.ChunkDoc(Ids.newId(), ghost,
                    TenantContext.currentId(), space, "upload", "text", "Geist", null, null, null,
                    "Der Wertstoffhof ist ein Geist.", null, Map.of())), true);
            assertThat(find("Wertstoffhof", SearchMode.LEXICAL)).extracting(SearchHit::documentId).containsExactly(ghost);
            assertThat(searchIndex.catchUp()).isGreaterThanOrEqualTo(2);
            // the vocabulary the index was analysed with is remembered (re-analysis when it grew by a quarter)
            assertThat(searchIndex.index().commitData()).containsKey("vocabulary");
            assertThat(find("Wertstoffhof", SearchMode.LEXICAL)).extracting(SearchHit::documentId).containsExactly(doc);
        });
    }

    private List<UUID> chunkIds(UUID documentId) {
        return jdbc.sql("select id from knowledge_chunks where document_id = :id order by ordinal").param("id", documentId)
                .query(UUID.class).list();
    }
}
