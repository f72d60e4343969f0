package de.wattos.knowledge.internal;

import de.wattos.knowledge.SearchMode;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.Bits;

/**
 * The Lucene index of chunks (one index for all tenants; tenant and space are filter clauses inside every query,
 * lexical and kNN). Near-real-time: every change is visible to the next search. Each chunk carries its document's
 * {@code index_seq}, so the index can be compared with PostgreSQL and caught up after a crash.
 */
public final class KnowledgeIndex implements Closeable {

    public static final String F_CHUNK = "chunk";
    public static final String F_DOC = "doc";
    public static final String F_TENANT = "tenant";
    public static final String F_SPACE = "space";
    public static final String F_SOURCE = "source";
    public static final String F_TYPE = "type";
    public static final String F_SEQ = "seq";
    public static final String F_TEXT = GermanText.WHOLE_FIELD;
    public static final String F_PARTS = GermanText.PARTS_FIELD;
    /** Weight of matches that need compound splitting (a part of a compound in the query or in the text). */
    static final float PART_WEIGHT = 0.3f;
    public static final String F_IDENT = "ident";
    public static final String F_VECTOR = "vec";
    public static final String F_BODY = "body";
    public static final String F_TITLE = "title";
    public static final String F_URL = "url";
    public static final String F_HEADING = "heading";
    public static final String F_PAGE = "page";
    public static final String F_META = "meta.";

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
    /** How lexical and vector rankings are combined in hybrid mode. */
    public enum Fusion { CONVEX, RRF }

    private volatile Fusion fusion = Fusion.CONVEX;
    private volatile float vectorWeight = 0.3f;
    private volatile int rrfK = 60;
    private volatile float amountBoost = 1.5f;

    public KnowledgeIndex(Path dir, GermanText german, Map<String, String> expectedCommitData) {
        this.german = german;
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

    public void tuneFusion(Fusion fusion, float vectorWeight, int rrfK) {
        this.fusion = fusion;
        this.vectorWeight = vectorWeight;
        this.rrfK = rrfK;
    }

    public void tuneAmountBoost(float boost) {
        this.amountBoost = boost;
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
                    docs.add(toDocument(c, seq));
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

    private Document toDocument(ChunkDoc c, long seq) {
        Document d = new Document();
        d.add(new StringField(F_CHUNK, c.chunkId().toString(), Field.Store.YES));
        d.add(new StringField(F_DOC, c.documentId().toString(), Field.Store.YES));
        d.add(new SortedDocValuesField(F_DOC, new BytesRef(c.documentId().toString())));
        d.add(new StringField(F_TENANT, c.tenantId().toString(), Field.Store.NO));
        d.add(new StringField(F_SPACE, c.spaceId().toString(), Field.Store.YES));
        if (c.source() != null) {
            d.add(new StringField(F_SOURCE, c.source(), Field.Store.NO));
        }
        if (c.type() != null) {
            d.add(new StringField(F_TYPE, c.type(), Field.Store.NO));
        }
        d.add(new NumericDocValuesField(F_SEQ, seq));
        String context = contextOf(c.title(), c.headingPath());
        String indexed = context.isEmpty() ? c.text() : context + "\n" + c.text();
        d.add(new TextField(F_TEXT, indexed, Field.Store.NO));
        d.add(new TextField(F_PARTS, indexed, Field.Store.NO));
        for (String ident : GermanText.identifiers(c.text())) {
            d.add(new StringField(F_IDENT, ident, Field.Store.NO));
        }
        if (c.vector() != null) {
            d.add(new KnnFloatVectorField(F_VECTOR, c.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        }
        d.add(new StoredField(F_BODY, c.text()));
        if (c.title() != null) {
            d.add(new StoredField(F_TITLE, c.title()));
        }
        if (c.url() != null) {
            d.add(new StoredField(F_URL, c.url()));
        }
        if (c.headingPath() != null) {
            d.add(new StoredField(F_HEADING, c.headingPath()));
        }
        if (c.page() != null) {
            d.add(new StoredField(F_PAGE, c.page()));
        }
        if (c.meta() != null) {
            c.meta().forEach((k, v) -> {
                if (k != null && v != null && v.length() <= 200) {
                    d.add(new StringField(F_META + k.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT), Field.Store.NO));
                }
            });
        }
        return d;
    }

    /** The context the indexed (and embedded) text carries: title and heading path. */
    public static String contextOf(String title, String headingPath) {
        StringBuilder sb = new StringBuilder();
        if (title != null && !title.isBlank()) {
            sb.append(title);
        }
        if (headingPath != null && !headingPath.isBlank()) {
            if (!sb.isEmpty()) {
                sb.append(" > ");
            }
            sb.append(headingPath);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- reading

    /** document id -> indexed seq, over all live chunks. */
    public Map<UUID, Long> indexedSeqs() {
        Map<UUID, Long> out = new HashMap<>();
        try {
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                    SortedDocValues docs = leaf.reader().getSortedDocValues(F_DOC);
                    NumericDocValues seqs = leaf.reader().getNumericDocValues(F_SEQ);
                    if (docs == null || seqs == null) {
                        continue;
                    }
                    Bits live = leaf.reader().getLiveDocs();
                    for (int d = docs.nextDoc(); d != SortedDocValues.NO_MORE_DOCS; d = docs.nextDoc()) {
                        if (live != null && !live.get(d)) {
                            continue;
                        }
                        UUID id = UUID.fromString(docs.lookupOrd(docs.ordValue()).utf8ToString());
                        long seq = seqs.advanceExact(d) ? seqs.longValue() : -1;
                        out.merge(id, seq, Math::min);
                    }
                }
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
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

    public Query filter(Request r) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new TermQuery(new Term(F_TENANT, r.tenantId().toString())), Occur.FILTER);
        if (r.spaceIds() != null && !r.spaceIds().isEmpty()) {
            b.add(new TermInSetQuery(F_SPACE, r.spaceIds().stream().map(id -> new BytesRef(id.toString())).toList()), Occur.FILTER);
        }
        if (r.filters() != null) {
            r.filters().forEach((k, v) -> b.add(new TermQuery(filterTerm(k, v)), Occur.FILTER));
        }
        return b.build();
    }

    static Term filterTerm(String key, String value) {
        return switch (key) {
            case "documentId" -> new Term(F_DOC, value);
            case "sourceId", "source" -> new Term(F_SOURCE, value);
            case "type" -> new Term(F_TYPE, value.toLowerCase(Locale.ROOT));
            default -> new Term(F_META + (key.startsWith("meta.") ? key.substring(5) : key).toLowerCase(Locale.ROOT),
                    value.toLowerCase(Locale.ROOT));
        };
    }

    public Query lexicalQuery(String text, Query filter) {
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        int clauses = 0;
        // whole words match at full weight; a compound of the query also matches when the text has all its parts
        // (Hundesteuer ~ "Steuer für Hunde"; all but one part for longer compounds), and a word of the query inside a
        // compound of the text, both at reduced
        // weight; a single part ("haus" of "Haushaltsplan") never matches on its own
        for (List<String> word : german.words(text)) {
            if (clauses >= 96) {
                break;
            }
            String whole = word.getFirst();
            should.add(new TermQuery(new Term(F_TEXT, whole)), Occur.SHOULD);
            should.add(new BoostQuery(new TermQuery(new Term(F_PARTS, whole)), PART_WEIGHT), Occur.SHOULD);
            clauses += 2;
            if (word.size() > 1) {
                // all parts of a two-part compound, all but one of a longer one
                List<String> partList = word.subList(1, word.size());
                BooleanQuery.Builder parts = new BooleanQuery.Builder();
                for (String part : partList) {
                    parts.add(new TermQuery(new Term(F_PARTS, part)), Occur.SHOULD);
                }
                parts.setMinimumNumberShouldMatch(partList.size() <= 2 ? partList.size() : partList.size() - 1);
                should.add(new BoostQuery(parts.build(), PART_WEIGHT), Occur.SHOULD);
                clauses++;
            }
        }
        for (String ident : GermanText.identifiers(text)) {
            if (clauses++ >= 112) {
                break;
            }
            if (!ident.equals(GermanText.AMOUNT_MARK)) {
                should.add(new BoostQuery(new TermQuery(new Term(F_IDENT, ident)), 2f), Occur.SHOULD);
            }
        }
        if (clauses > 0 && GermanText.asksForAmount(text)) {
            // "Wie hoch ist …?", "Was kostet …?": passages that state an amount of money answer it
            should.add(new BoostQuery(new TermQuery(new Term(F_IDENT, GermanText.AMOUNT_MARK)), amountBoost), Occur.SHOULD);
        }
        if (clauses == 0) {
            return null;
        }
        return new BooleanQuery.Builder().add(should.build(), Occur.MUST).add(filter, Occur.FILTER).build();
    }

    public List<Hit> search(Request r) {
        int topK = Math.max(1, r.topK());
        // candidates per list for fusion
        int depth = Math.max(topK * 3, 24);
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                Query filter = filter(r);
                TopDocs lexical = null;
                TopDocs vector = null;
                if (r.mode() != SearchMode.VECTOR && r.text() != null) {
                    Query q = lexicalQuery(r.text(), filter);
                    if (q != null) {
                        lexical = searcher.search(q, r.mode() == SearchMode.LEXICAL ? topK : depth);
                    }
                }
                if (r.mode() != SearchMode.LEXICAL && r.vector() != null) {
                    vector = searcher.search(new KnnFloatVectorQuery(F_VECTOR, r.vector(),
                            r.mode() == SearchMode.VECTOR ? topK : depth, filter), r.mode() == SearchMode.VECTOR ? topK : depth);
                }
                List<ScoreDoc> ranked;
                if (lexical != null && vector != null) {
                    ranked = fuse(topK, lexical, vector);
                } else if (lexical != null) {
                    ranked = List.of(lexical.scoreDocs);
                } else if (vector != null) {
                    ranked = List.of(vector.scoreDocs);
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

    /**
     * Hybrid fusion. {@code CONVEX} (default): a convex combination of min-max normalised scores, lexical weighted
     * {@code 1 - vectorWeight} (score-aware: a clear BM25 winner stays on top, vectors break ties and rescue
     * paraphrases). {@code RRF}: weighted reciprocal rank fusion.
     */
    private List<ScoreDoc> fuse(int topK, TopDocs lexical, TopDocs vector) {
        if (fusion == Fusion.CONVEX) {
            return convex(topK, lexical, vector);
        }
        Map<Integer, Double> scores = new LinkedHashMap<>();
        int k = rrfK;
        for (int i = 0; i < lexical.scoreDocs.length; i++) {
            scores.merge(lexical.scoreDocs[i].doc, 1.0 / (k + i + 1), Double::sum);
        }
        double w = vectorWeight;
        for (int i = 0; i < vector.scoreDocs.length; i++) {
            scores.merge(vector.scoreDocs[i].doc, w / (k + i + 1), Double::sum);
        }
        return scores.entrySet().stream()
                .sorted(Map.Entry.<Integer, Double>comparingByValue().reversed())
                .limit(Math.max(topK, 1))
                .map(e -> new ScoreDoc(e.getKey(), e.getValue().floatValue()))
                .toList();
    }

    private List<ScoreDoc> convex(int topK, TopDocs lexical, TopDocs vector) {
        Map<Integer, Double> scores = new HashMap<>();
        double w = vectorWeight;
        addNormalised(scores, lexical.scoreDocs, 1 - w);
        addNormalised(scores, vector.scoreDocs, w);
        return scores.entrySet().stream()
                .sorted(Map.Entry.<Integer, Double>comparingByValue().reversed())
                .limit(Math.max(topK, 1))
                .map(e -> new ScoreDoc(e.getKey(), e.getValue().floatValue()))
                .toList();
    }

    private static void addNormalised(Map<Integer, Double> scores, ScoreDoc[] docs, double weight) {
        if (docs.length == 0) {
            return;
        }
        float max = docs[0].score;
        float min = docs[docs.length - 1].score;
        for (ScoreDoc d : docs) {
            max = Math.max(max, d.score);
            min = Math.min(min, d.score);
        }
        double range = max - min;
        for (ScoreDoc d : docs) {
            double norm = range <= 0 ? 1.0 : (d.score - min) / range;
            scores.merge(d.doc, weight * norm, Double::sum);
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
