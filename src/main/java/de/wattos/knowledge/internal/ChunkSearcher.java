package de.wattos.knowledge.internal;

import static de.wattos.knowledge.internal.IndexSchema.F_BODY;
import static de.wattos.knowledge.internal.IndexSchema.F_CHUNK;
import static de.wattos.knowledge.internal.IndexSchema.F_DOC;
import static de.wattos.knowledge.internal.IndexSchema.F_HEADING;
import static de.wattos.knowledge.internal.IndexSchema.F_PAGE;
import static de.wattos.knowledge.internal.IndexSchema.F_SPACE;
import static de.wattos.knowledge.internal.IndexSchema.F_TITLE;
import static de.wattos.knowledge.internal.IndexSchema.F_URL;
import static de.wattos.knowledge.internal.IndexSchema.F_VECTOR;

import de.wattos.knowledge.SearchMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * Searches the {@link KnowledgeIndex}: {@link LexicalQuery} (BM25) and kNN, each filtered to the tenant and its
 * spaces ({@link IndexSchema}), combined by {@link HybridFusion} as the {@link Ranking} says.
 */
public final class ChunkSearcher {

    /** A search request, already resolved to a tenant. */
    public record Request(UUID tenantId, Collection<UUID> spaceIds, Map<String, String> filters, String text,
            float[] vector, int topK, SearchMode mode) {
    }

    public record Hit(UUID chunkId, UUID documentId, UUID spaceId, String title, String url, String headingPath,
            Integer page, String text, double score) {
    }

    private final KnowledgeIndex index;
    private final LexicalQuery lexical;
    private final HybridFusion fusion;

    public ChunkSearcher(KnowledgeIndex index, Ranking ranking) {
        this.index = index;
        this.lexical = new LexicalQuery(index.german(), ranking.amountBoost());
        this.fusion = new HybridFusion(ranking);
    }

    public List<Hit> search(Request r) {
        int topK = Math.max(1, r.topK());
        // candidates per list for fusion
        int depth = Math.max(topK * 3, 24);
        try {
            IndexSearcher searcher = index.searchers().acquire();
            try {
                Query filter = IndexSchema.filter(r);
                TopDocs lexicalHits = null;
                TopDocs vectorHits = null;
                if (r.mode() != SearchMode.VECTOR && r.text() != null) {
                    Query q = lexical.build(r.text(), filter);
                    if (q != null) {
                        lexicalHits = searcher.search(q, r.mode() == SearchMode.LEXICAL ? topK : depth);
                    }
                }
                if (r.mode() != SearchMode.LEXICAL && r.vector() != null) {
                    vectorHits = searcher.search(new KnnFloatVectorQuery(F_VECTOR, r.vector(),
                            r.mode() == SearchMode.VECTOR ? topK : depth, filter), r.mode() == SearchMode.VECTOR ? topK : depth);
                }
                List<ScoreDoc> ranked;
                if (lexicalHits != null && vectorHits != null) {
                    ranked = fusion.fuse(topK, lexicalHits, vectorHits);
                } else if (lexicalHits != null) {
                    ranked = List.of(lexicalHits.scoreDocs);
                } else if (vectorHits != null) {
                    ranked = List.of(vectorHits.scoreDocs);
                } else {
                    ranked = List.of();
                }
                List<Hit> hits = new ArrayList<>(Math.min(topK, ranked.size()));
                StoredFields stored = searcher.storedFields();
                for (ScoreDoc sd : ranked) {
                    if (hits.size() >= topK) {
                        break;
                    }
                    Document d = stored.document(sd.doc);
                    var page = d.getField(F_PAGE);
                    hits.add(new Hit(UUID.fromString(d.get(F_CHUNK)), UUID.fromString(d.get(F_DOC)),
                            UUID.fromString(d.get(F_SPACE)), d.get(F_TITLE), d.get(F_URL), d.get(F_HEADING),
                            page == null ? null : page.numericValue().intValue(), d.get(F_BODY), sd.score));
                }
                return hits;
            } finally {
                index.searchers().release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
