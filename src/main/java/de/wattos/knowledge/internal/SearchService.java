package de.wattos.knowledge.internal;

import de.wattos.knowledge.KnowledgeSearch;
import de.wattos.knowledge.SearchHit;
import de.wattos.knowledge.SearchMode;
import de.wattos.knowledge.SearchQuery;
import de.wattos.knowledge.SearchResult;
import de.wattos.platform.TenantContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Retrieval over the current tenant's chunks: lexical (German analysis, compounds, identifiers), vector (kNN on
 * the stored embeddings) or hybrid (both lists fused as {@code wattos.knowledge.ranking} says: a convex combination of
 * normalised scores by default, reciprocal rank fusion optionally). Tenant and spaces are filter clauses inside
 * the Lucene queries. Query vectors are cached (LRU) since the same questions come again and again.
 */
@Service
public class SearchService implements KnowledgeSearch {

    private static final Logger log = LoggerFactory.getLogger(SearchService.class);
    public static final int DEFAULT_TOP_K = 8;
    public static final int MAX_TOP_K = 50;

    private final SearchIndex index;
    private final EmbeddingModel embeddings;
    private final Snippets snippets;
    private final Map<String, float[]> queryVectors = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > 2000;
        }
    });

    SearchService(SearchIndex index, EmbeddingModel embeddings) {
        this.index = index;
        this.embeddings = embeddings;
        this.snippets = new Snippets(index.german(), 240);
    }

    @Override
    public SearchResult search(SearchQuery query) {
        long start = System.nanoTime();
        UUID tenant = TenantContext.currentId();
        String text = query.query() == null ? "" : query.query().strip();
        if (text.isEmpty()) {
            return new SearchResult(List.of(), 0);
        }
        int topK = query.topK() <= 0 ? DEFAULT_TOP_K : Math.min(query.topK(), MAX_TOP_K);
        SearchMode mode = query.mode();
        float[] vector = null;
        if (mode != SearchMode.LEXICAL) {
            try {
                vector = queryVector(text);
            } catch (RuntimeException e) {
                // the embedding provider is down: lexical search still answers
                log.warn("Query embedding failed, answering lexically: {}", e.getMessage());
                mode = SearchMode.LEXICAL;
            }
        }
        List<ChunkSearcher.Hit> hits = index.searcher().search(new ChunkSearcher.Request(tenant, query.spaceIds(),
                query.filters(), text, vector, topK, mode));
        Set<String> terms = new HashSet<>(index.german().terms(text));
        List<SearchHit> out = new ArrayList<>(hits.size());
        for (ChunkSearcher.Hit h : hits) {
            out.add(new SearchHit(h.chunkId(), h.documentId(), h.spaceId(), h.title(), h.url(), h.headingPath(), h.page(),
                    snippets.snippet(h.text(), terms), h.text(), h.score()));
        }
        return new SearchResult(out, (System.nanoTime() - start) / 1_000_000);
    }

    private float[] queryVector(String text) {
        float[] cached = queryVectors.get(text);
        if (cached != null) {
            return cached;
        }
        float[] v = embeddings.embed(List.of(text)).getFirst();
        queryVectors.put(text, v);
        return v;
    }
}
