package de.wattos.knowledge.internal;

import de.wattos.platform.TenantContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After the embedding model changed: re-embeds stored chunks in the background, document by document, from the
 * chunk texts in PostgreSQL (no re-extraction). Search keeps serving meanwhile: lexically for every document and
 * with vectors for those already re-embedded (the index only holds vectors of the configured model).
 */
@Component
public class ReEmbedder {

    private static final Logger log = LoggerFactory.getLogger(ReEmbedder.class);
    private static final int DOCUMENTS_PER_ROUND = 20;

    private final JdbcClient jdbc;
    private final Documents documents;
    private final EmbeddingModel embeddings;
    private final SearchIndex index;
    private final TransactionTemplate tx;
    private final AtomicBoolean running = new AtomicBoolean();

    ReEmbedder(JdbcClient jdbc, Documents documents, EmbeddingModel embeddings, SearchIndex index, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.embeddings = embeddings;
        this.index = index;
        this.tx = tx;
    }

    record Stale(UUID tenantId, UUID documentId) {
    }

    /** Re-embeds every indexed document with chunks of another model; returns the number of documents done. */
    public int run() {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        int done = 0;
        try {
            while (true) {
                // system-wide scan (all tenants) for ids only; each document is then handled in its tenant's scope
                List<Stale> stale = jdbc.sql("""
                        select distinct c.tenant_id, c.document_id from knowledge_chunks c
                        join knowledge_documents d on d.id = c.document_id and d.status = :indexed
                        where c.embedding_model is distinct from :model limit :limit""")
                        .param("indexed", DocumentStatus.INDEXED.wire()).param("model", embeddings.id()).param("limit", DOCUMENTS_PER_ROUND)
                        .query((rs, i) -> new Stale(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
                if (stale.isEmpty()) {
                    break;
                }
                for (Stale s : stale) {
                    TenantContext.runAs(index.refOf(s.tenantId()), () -> reEmbed(s.documentId()));
                    done++;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Re-embedding stopped after {} documents: {}", done, e.getMessage());
        } finally {
            running.set(false);
        }
        if (done > 0) {
            log.info("Re-embedded {} documents with {}", done, embeddings.id());
        }
        return done;
    }

    private void reEmbed(UUID documentId) {
        Documents.Document doc = documents.find(documentId).orElse(null);
        if (doc == null) {
            return;
        }
        List<Documents.ChunkRow> chunks = documents.chunks(documentId);
        List<float[]> vectors = embeddings.embed(chunks.stream()
                .map(c -> IngestionService.embeddingText(doc.title(), c.headingPath(), c.text())).toList());
        List<Documents.ChunkRow> updated = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Documents.ChunkRow c = chunks.get(i);
            updated.add(new Documents.ChunkRow(c.id(), c.ordinal(), c.headingPath(), c.page(), c.startOffset(), c.text(),
                    c.tokens(), vectors.get(i), embeddings.id()));
        }
        tx.executeWithoutResult(s -> documents.updateEmbeddings(documentId, updated));
        index.reindex(documentId, true);
    }
}
