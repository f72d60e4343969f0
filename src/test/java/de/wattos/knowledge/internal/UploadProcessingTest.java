package de.wattos.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.knowledge.KnowledgeSearch;
import de.wattos.knowledge.SearchHit;
import de.wattos.knowledge.SearchMode;
import de.wattos.knowledge.SearchQuery;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Upload batches with bad files, processed by the workers; resuming pending uploads after a restart. */
@IntegrationTest
class UploadProcessingTest {

    @Autowired IngestionService ingestion;
    @Autowired UploadWorkers workers;
    @Autowired SpaceService spaces;
    @Autowired Documents documents;
    @Autowired KnowledgeSearch search;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;

    static TenantRef tenant() {
        return new TenantRef(Ids.newId(), "t-" + Ids.newId(), "de", ZoneId.of("Europe/Berlin"));
    }

    @Test
    void badFilesFailWithReasonsWhileTheRestOfTheBatchIsIndexed() throws Exception {
        TenantRef t = tenant();
        Map<String, UUID> ids = new LinkedHashMap<>();
        UUID space = TenantContext.callAs(t, () -> {
            UUID s = spaces.create("Uploads", null, "de").id();
            ids.put("good.pdf", ingestion.accept(s, "abfall.pdf", "application/pdf", TestFiles.pdf(
                    List.of(List.of("Abfallkalender 2026", "Die Biotonne wird freitags geleert.")), null)).id());
            ids.put("good.docx", ingestion.accept(s, "kita.docx", null,
                    TestFiles.docx("Kindergarten", "Die Anmeldung für die Kita erfolgt im Rathaus.")).id());
            ids.put("good.md", ingestion.accept(s, "notiz.md", "text/markdown",
                    "---\ntitle: Sperrmüll\nthema: abfall\n---\n# Sperrmüll\nSperrmüll wird zweimal im Jahr abgeholt."
                            .getBytes(StandardCharsets.UTF_8)).id());
            ids.put("encrypted", ingestion.accept(s, "geheim.pdf", "application/pdf",
                    TestFiles.pdf(List.of(List.of("Geheim")), "pw")).id());
            byte[] pdf = TestFiles.pdf(List.of(List.of("Kaputt")), null);
            ids.put("corrupt", ingestion.accept(s, "kaputt.pdf", "application/pdf",
                    java.util.Arrays.copyOf(pdf, pdf.length / 3)).id());
            ids.put("bomb", ingestion.accept(s, "bombe.docx", null, TestFiles.zipBombDocx()).id());
            ids.put("empty", ingestion.accept(s, "leer.txt", "text/plain", new byte[0]).id());
            ids.put("wrong", ingestion.accept(s, "falsch.pdf", "application/pdf",
                    "Ich bin kein PDF".getBytes(StandardCharsets.UTF_8)).id());
            byte[] random = new byte[4096];
            new java.util.Random(7).nextBytes(random);
            ids.put("unknown", ingestion.accept(s, "daten.bin", "application/octet-stream", random).id());
            return s;
        });
        workers.kick();
        assertThat(workers.awaitIdle(60_000)).isTrue();
        TenantContext.runAs(t, () -> {
            Map<String, Documents.Document> docs = new LinkedHashMap<>();
            ids.forEach((k, id) -> docs.put(k, documents.find(id).orElseThrow()));
            assertThat(docs.get("good.pdf").status()).isEqualTo(DocumentStatus.INDEXED);
            assertThat(docs.get("good.pdf").type()).isEqualTo("pdf");
            assertThat(docs.get("good.docx").status()).isEqualTo(DocumentStatus.INDEXED);
            assertThat(docs.get("good.md").status()).isEqualTo(DocumentStatus.INDEXED);
            assertThat(docs.get("good.md").title()).isEqualTo("Sperrmüll");
            assertThat(docs.get("good.md").metadata()).containsEntry("thema", "abfall");
            assertThat(docs.get("encrypted").failureReason()).contains("verschlüsselt");
            assertThat(docs.get("corrupt").failureReason()).contains("beschädigt");
            assertThat(docs.get("bomb").failureReason()).contains("ZIP-Bombe");
            assertThat(docs.get("empty").failureReason()).contains("leer");
            assertThat(docs.get("wrong").failureReason()).contains("Dateiendung");
            assertThat(docs.get("unknown").failureReason()).contains("nicht unterstützt");
            for (String bad : List.of("encrypted", "corrupt", "bomb", "empty", "wrong", "unknown")) {
                assertThat(docs.get(bad).status()).as(bad).isEqualTo(DocumentStatus.FAILED);
            }
            List<SearchHit> hits = search.search(new SearchQuery("Biotonne", List.of(space), 8, SearchMode.HYBRID, Map.of())).hits();
            assertThat(hits).isNotEmpty();
            assertThat(hits.getFirst().documentId()).isEqualTo(ids.get("good.pdf"));
            assertThat(hits.getFirst().page()).isEqualTo(1);
            assertThat(search.search(new SearchQuery("Sperrmüll", List.of(), 8, SearchMode.LEXICAL,
                    Map.of("thema", "abfall"))).hits()).extracting(SearchHit::documentId).containsExactly(ids.get("good.md"));
        });
    }

    @Autowired ReEmbedder reEmbedder;
    @Autowired EmbeddingModel embeddings;

    @Test
    void chunksOfAnotherEmbeddingModelAreReEmbeddedInTheBackground() throws Exception {
        TenantRef t = tenant();
        UUID doc = TenantContext.callAs(t, () -> {
            UUID s = spaces.create("Modell", null, "de").id();
            return ingestion.accept(s, "wahl.txt", "text/plain",
                    "Die Briefwahl beantragen Sie im Wahlamt der Gemeinde.".getBytes(StandardCharsets.UTF_8)).id();
        });
        workers.kick();
        assertThat(workers.awaitIdle(30_000)).isTrue();
        // as if these vectors came from a model configured earlier
        jdbc.sql("update knowledge_chunks set embedding_model = 'openai:old-model' where document_id = :d").param("d", doc).update();
        assertThat(reEmbedder.run()).isGreaterThanOrEqualTo(1);
        TenantContext.runAs(t, () -> {
            assertThat(documents.chunks(doc)).allMatch(c -> c.model().equals(embeddings.id()) && c.embedding().length == 384);
            assertThat(search.search(new SearchQuery("Briefwahl beantragen", List.of(), 8, SearchMode.VECTOR, Map.of())).hits())
                    .extracting(SearchHit::documentId).contains(doc);
        });
    }

    @Test
    void pendingUploadsAreResumedAfterARestartWithoutDuplicateChunks() throws Exception {
        TenantRef t = tenant();
        UUID[] ids = new UUID[3];
        // the state a killed process leaves behind: uploads claimed by this node (one half-written), one by a dead node
        TenantContext.runAs(t, () -> tx.executeWithoutResult(status -> {
            UUID s = spaces.create("Resume", null, "de").id();
            for (int i = 0; i < ids.length; i++) {
                ids[i] = Ids.newId();
                documents.insert(new Documents.NewDocument(ids[i], s, null, null, "upload", "doc" + i + ".txt", null,
                        "text/plain", 100L, Map.of(), DocumentStatus.PENDING));
                documents.storeContent(ids[i], ("Wiederaufnahme Dokument " + i + ". Das Standesamt hat neue Öffnungszeiten.")
                        .getBytes(StandardCharsets.UTF_8));
            }
            jdbc.sql("update knowledge_documents set claimed_by = :node, claimed_until = now() + interval '1 hour' "
                    + "where id in (:a, :c)").param("node", workers.nodeId()).param("a", ids[0]).param("c", ids[2]).update();
            jdbc.sql("update knowledge_documents set claimed_by = 'dead-node', claimed_until = now() - interval '1 minute' "
                    + "where id = :id").param("id", ids[1]).update();
            documents.replaceChunks(ids[2], s, List.of(new Documents.ChunkRow(Ids.newId(), 0, null, null, 0, "halb", 1, null, null)));
        }));
        workers.recover();
        assertThat(workers.awaitIdle(30_000)).isTrue();
        TenantContext.runAs(t, () -> {
            for (UUID id : ids) {
                Documents.Document d = documents.find(id).orElseThrow();
                assertThat(d.status()).isEqualTo(DocumentStatus.INDEXED);
                assertThat(d.chunkCount()).isEqualTo(1);
                assertThat(documents.chunks(id)).hasSize(d.chunkCount()).noneMatch(c -> c.text().equals("halb"));
            }
            assertThat(search.search(new SearchQuery("Standesamt Öffnungszeiten", List.of(), 8, SearchMode.LEXICAL, Map.of()))
                    .hits()).extracting(SearchHit::documentId).containsExactlyInAnyOrder(ids);
        });
    }
}
