package de.wattos.knowledge.internal;

import static de.wattos.knowledge.internal.IndexSchema.F_DOC;
import static de.wattos.knowledge.internal.IndexSchema.F_SPACE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;

/** Writes chunks into the {@link KnowledgeIndex}: a document's chunks replaced as a whole, documents and spaces removed. */
public final class ChunkWriter {

    /** One chunk as the index sees it. {@code vector} may be null (lexical only). */
    public record ChunkDoc(UUID chunkId, UUID documentId, UUID tenantId, UUID spaceId, String source, String type,
            String title, String url, String headingPath, Integer page, String text, float[] vector,
            Map<String, String> meta) {
    }

    private final KnowledgeIndex index;

    public ChunkWriter(KnowledgeIndex index) {
        this.index = index;
    }

    /** Atomically replaces all chunks of a document (readers see the old or the new set, never a mix). */
    public void replace(UUID documentId, long seq, List<ChunkDoc> chunks, boolean refresh) {
        try {
            Term id = new Term(F_DOC, documentId.toString());
            if (chunks.isEmpty()) {
                index.writer().deleteDocuments(id);
            } else {
                List<Document> docs = new ArrayList<>(chunks.size());
                for (ChunkDoc c : chunks) {
                    docs.add(IndexSchema.toDocument(c, seq));
                }
                index.writer().updateDocuments(id, docs);
            }
            if (refresh) {
                index.searchers().maybeRefreshBlocking();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(UUID documentId) {
        deleteBy(new Term(F_DOC, documentId.toString()));
    }

    public void deleteSpace(UUID spaceId) {
        deleteBy(new Term(F_SPACE, spaceId.toString()));
    }

    private void deleteBy(Term term) {
        try {
            index.writer().deleteDocuments(term);
            index.searchers().maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The context the indexed (and embedded) text carries: title and heading path. */
    public static String contextOf(String title, String headingPath) {
        return IndexSchema.contextOf(title, headingPath);
    }
}
