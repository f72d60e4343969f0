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
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * The Lucene index of chunks (one index for all tenants; tenant and space are filter clauses inside every query,
 * lexical and kNN). Near-real-time: every change is visible to the next search. Each chunk carries its document's
 * {@code index_seq}, so the index can be compared with PostgreSQL and caught up after a crash
 * ({@link IndexedVersions}). Documents and filters follow {@link IndexSchema}; a search runs {@link LexicalQuery}
 * (BM25) and kNN and combines them with {@link HybridFusion} as {@link Ranking} says.
 */
public final class KnowledgeIndex implements Closeable {

    /** One chunk as the index sees it. {@code vector} may be null (lexical only). */
    public record ChunkDoc(UUID chunkId, UUID documentId, UUID tenantId, UUID spaceId, String source, String type,
            String title, String url, String headingPath, Integer page, String text, float[] vector,
            Map<String, String> meta) {
    }

    /** A search request, already resolved to a tenant. */
    public record Request(UUID tenantId, Collection<UUID> spaceIds, Map<String, String> filters, String text,
            float[] vector, int topK, SearchMode mode) {
    }

    public record Hit(UUID chunkId, UUID documentId, UUID spaceId, String title, String url, String headingPath,
            Integer page, String text, double score) {
    }

    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final GermanText german;
    private final boolean created;
    private final LexicalQuery lexical;
    private final HybridFusion fusion;

    public KnowledgeIndex(Path dir, GermanText german, Map<String, String> expectedCommitData) {
        this(dir, german, expectedCommitData, Ranking.DEFAULTS);
    }

    public KnowledgeIndex(Path dir, GermanText german, Map<String, String> expectedCommitData, Ranking ranking) {
        this.german = german;
        this.lexical = new LexicalQuery(german, ranking.amountBoost());
        this.fusion = new HybridFusion(ranking);
        try {
            this.directory = FSDirectory.open(dir);
            boolean exists = DirectoryReader.indexExists(directory);
            boolean compatible = exists && matches(expectedCommitData);
            IndexWriterConfig config = new IndexWriterConfig(german.analyzer())
                    .setOpenMode(compatible ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(64);
            this.writer = new IndexWriter(directory, config);
            this.created = !compatible;
            writer.setLiveCommitData(expectedCommitData.entrySet());
            if (!compatible) {
                writer.commit();
            }
            this.searchers = new SearcherManager(writer, true, true, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + dir, e);
        }
    }

    private boolean matches(Map<String, String> expected) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            Map<String, String> data = reader.getIndexCommit().getUserData();
            return expected.entrySet().stream().allMatch(e -> e.getValue().equals(data.get(e.getKey())));
        }
    }

    /** The user data of the last commit (analysis version, model, vocabulary size …). */
    public Map<String, String> commitData() {
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            return reader.getIndexCommit().getUserData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a value stored with the next commit. */
    public void putCommitData(String key, String value) {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        data.put(key, value);
        writer.setLiveCommitData(data.entrySet());
    }

    /** True if the index was (re)created empty on open: everything must be indexed from PostgreSQL. */
    public boolean createdEmpty() {
        return created;
    }

    public GermanText german() {
        return german;
    }

    // ---------------------------------------------------------------- writing

    /** Atomically replaces all chunks of a document (readers see the old or the new set, never a mix). */
    public void replace(UUID documentId, long seq, List<ChunkDoc> chunks, boolean refresh) {
        try {
            Term id = new Term(F_DOC, documentId.toString());
            if (chunks.isEmpty()) {
                writer.deleteDocuments(id);
            } else {
                List<Document> docs = new ArrayList<>(chunks.size());
                for (ChunkDoc c : chunks) {
                    docs.add(IndexSchema.toDocument(c, seq));
                }
                writer.updateDocuments(id, docs);
            }
            if (refresh) {
                searchers.maybeRefreshBlocking();
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
            writer.deleteDocuments(term);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void commit() {
        try {
            if (writer.hasUncommittedChanges()) {
                writer.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void forceMerge(int segments) {
        try {
            writer.forceMerge(segments);
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The context the indexed (and embedded) text carries: title and heading path. */
    public static String contextOf(String title, String headingPath) {
        return IndexSchema.contextOf(title, headingPath);
    }

    // ---------------------------------------------------------------- reading

    /** document id -> indexed seq, over all live chunks (see {@link IndexedVersions}). */
    public Map<UUID, Long> indexedSeqs() {
        try {
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                return IndexedVersions.read(searcher.getIndexReader());
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int numDocs() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Hit> search(Request r) {
        int topK = Math.max(1, r.topK());
        // candidates per list for fusion
        int depth = Math.max(topK * 3, 24);
        try {
            IndexSearcher searcher = searchers.acquire();
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
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.commit();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
