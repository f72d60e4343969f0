package de.wattos.knowledge.internal;

import de.wattos.platform.DataDirectory;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.platform.cluster.ChangeFeed;
import de.wattos.tenancy.Tenants;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The Spring side of the Lucene index: opens it under {@code <data dir>/index}, loads the learned decompounding
 * vocabulary, catches the index up with PostgreSQL on start (the truth: missing, stale or extra documents are
 * re-indexed from stored chunks and vectors, never re-embedded), commits periodically and on shutdown.
 * <p>
 * Each instance keeps its own index. A change made here is recorded on the change feed {@value #FEED} (after
 * PostgreSQL committed it), and every other instance re-reads that document (or drops that space) from PostgreSQL,
 * so a document indexed on one node is found on all of them within about a second.
 */
@Component
public class SearchIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    static final String FEED = "search-index";
    private static final String DOCUMENT = "document";
    private static final String SPACE = "space";

    private final JdbcClient jdbc;
    private final Documents documents;
    private final KnowledgeIndex index;
    private final ChunkWriter writer;
    private final ChunkSearcher searcher;
    private final GermanText german;
    private final EmbeddingModel embeddings;
    private final Tenants tenants;
    private final ChangeFeed feed;
    private volatile boolean caughtUp;
    private volatile AutoCloseable following;
    /** Index writes run here, on threads nobody interrupts (see {@link #write}). */
    private final ExecutorService writes = Executors.newVirtualThreadPerTaskExecutor();

    SearchIndex(JdbcClient jdbc, Documents documents, DataDirectory data, EmbeddingModel embeddings, Tenants tenants,
            KnowledgeProperties props, ChangeFeed feed) {
        this.feed = feed;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.documents = documents;
        this.embeddings = embeddings;
        Decompounder decompounder = new Decompounder();
        Map<String, Integer> learned = new HashMap<>();
        // the vocabulary is not tenant data: words only, used to split compounds (system-wide)
        jdbc.sql("select word, doc_freq from knowledge_vocabulary").query((rs, i) -> learned.put(rs.getString(1), rs.getInt(2))).list();
        decompounder.learn(learned);
        this.german = new GermanText(decompounder);
        this.index = new KnowledgeIndex(data.resolve("index"), german,
                Map.of("analysis", String.valueOf(GermanText.VERSION), "model", embeddings.id()));
        this.writer = new ChunkWriter(index);
        this.searcher = new ChunkSearcher(index, props.ranking());
    }

    public KnowledgeIndex index() {
        return index;
    }

    public ChunkWriter writer() {
        return writer;
    }

    public ChunkSearcher searcher() {
        return searcher;
    }

    public GermanText german() {
        return german;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** The reference background work binds for a tenant (its real one if the tenancy module knows it). */
    TenantRef refOf(UUID tenantId) {
        return tenants.ref(tenantId).orElseGet(() -> new TenantRef(tenantId, null, "de", ZoneId.of("Europe/Berlin")));
    }

    /** Loads the in-process embedding model now, so the first search does not wait for it. */
    public void warmUp() {
        if (embeddings instanceof LocalEmbeddingModel) {
            long start = System.nanoTime();
            embeddings.embed(List.of("Aufwärmen"));
            log.info("Embedding model {} loaded in {} ms", embeddings.id(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * Compares the index with PostgreSQL and repairs every difference. If the learned decompounding vocabulary grew
     * by a quarter since the index was analysed, everything is re-analysed (from stored chunks, no re-embedding),
     * so compounds indexed before their parts were known split like new ones. Returns the documents touched.
     */
    public int catchUp() {
        int vocabulary = german.decompounder().size();
        int analysedWith = Integer.parseInt(index.commitData().getOrDefault("vocabulary", "0"));
        boolean reanalyse = analysedWith > 0 && vocabulary > analysedWith * 1.25 && vocabulary - analysedWith > 200;
        if (reanalyse) {
            log.info("Vocabulary grew from {} to {} words: re-analysing the whole index", analysedWith, vocabulary);
        }
        int touched = catchUp(reanalyse);
        index.putCommitData("vocabulary", String.valueOf(vocabulary));
        index.commit();
        return touched;
    }

    private int catchUp(boolean all) {
        long start = System.nanoTime();
        record Expected(UUID id, UUID tenantId, long seq) {
        }
        // the index first, then PostgreSQL: a document indexed in between is then merely re-indexed, never dropped
        Map<UUID, Long> indexed = index.indexedSeqs();
        // system-wide scan (all tenants): only ids and sequence numbers; the documents are read tenant-scoped below
        List<Expected> expected = jdbc.sql("""
                select id, tenant_id, index_seq from knowledge_documents where status = :indexed and chunk_count > 0""")
                .param("indexed", DocumentStatus.INDEXED.wire()).query((rs, i) -> new Expected(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3)))
                .list();
        int touched = 0;
        Map<UUID, Boolean> wanted = new HashMap<>();
        for (Expected e : expected) {
            wanted.put(e.id(), true);
            Long have = indexed.get(e.id());
            if (all || have == null || have != e.seq()) {
                TenantContext.runAs(refOf(e.tenantId()), () -> reindexHere(e.id(), false));
                touched++;
            }
        }
        for (UUID id : indexed.keySet()) {
            if (!wanted.containsKey(id)) {
                write(() -> writer.delete(id));
                touched++;
            }
        }
        index.refresh();
        index.commit();
        caughtUp = true;
        if (touched > 0) {
            log.info("Search index caught up with PostgreSQL: {} documents re-indexed or removed in {} ms", touched,
                    (System.nanoTime() - start) / 1_000_000);
        }
        return touched;
    }

    /**
     * Applies what other instances indexed, from now on (call before {@link #catchUp()}, so nothing falls between
     * the two).
     */
    void followOtherNodes() {
        following = feed.follow(FEED, changes -> {
            for (ChangeFeed.Change change : changes) {
                if (SPACE.equals(change.kind())) {
                    write(() -> writer.deleteSpace(change.subject()));
                } else if (change.tenantId() != null) {
                    TenantContext.runAs(refOf(change.tenantId()), () -> reindexHere(change.subject(), false));
                }
            }
            write(index::refresh);
        });
    }

    /** Re-indexes one document of the current tenant from PostgreSQL (chunks and stored vectors). */
    public void reindex(UUID documentId, boolean refresh) {
        reindexHere(documentId, refresh);
        recordChange(DOCUMENT, documentId);
    }

    private void reindexHere(UUID documentId, boolean refresh) {
        var doc = documents.find(documentId).orElse(null);
        if (doc == null || doc.status() != DocumentStatus.INDEXED) {
            write(() -> writer.delete(documentId));
            return;
        }
        List<ChunkWriter.ChunkDoc> chunks = toChunkDocs(doc, documents.chunks(documentId));
        write(() -> writer.replace(documentId, doc.indexSeq(), chunks, refresh));
    }

    public void put(Documents.Document doc, List<Documents.ChunkRow> chunks) {
        putHere(doc, chunks);
        announce(doc.id());
    }

    /**
     * Writes a document into this node's index and makes it visible to searches here, without telling the other
     * nodes yet: the ingestion calls this inside the transaction that marks the document {@code indexed}, so a
     * client that sees {@code indexed} finds it on this node. Call {@link #announce} after the commit.
     */
    void putHere(Documents.Document doc, List<Documents.ChunkRow> chunks) {
        List<ChunkWriter.ChunkDoc> docs = toChunkDocs(doc, chunks);
        write(() -> writer.replace(doc.id(), doc.indexSeq(), docs, true));
    }

    /** Tells the other nodes that a document changed (after PostgreSQL committed it); they re-read it from there. */
    void announce(UUID documentId) {
        recordChange(DOCUMENT, documentId);
    }

    /** Puts this node's index back to what PostgreSQL holds for a document (after a failed transaction). */
    void restore(UUID documentId) {
        reindexHere(documentId, true);
    }

    public void delete(UUID documentId) {
        write(() -> writer.delete(documentId));
        recordChange(DOCUMENT, documentId);
    }

    public void deleteSpace(UUID spaceId) {
        write(() -> writer.deleteSpace(spaceId));
        recordChange(SPACE, spaceId);
    }

    /**
     * Runs an index write on a thread nobody interrupts and waits for it without reacting to interrupts: Lucene's
     * IndexWriter closes itself for good when a thread is interrupted inside its file I/O, and a crawl that stops
     * interrupts its workers while they index pages (every later upload then failed until a restart). The caller's
     * interrupt stays set for it to handle afterwards.
     */
    private void write(Runnable op) {
        try {
            CompletableFuture.runAsync(op, writes).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Tells the other instances (current tenant); they re-read the subject from PostgreSQL. */
    private void recordChange(String kind, UUID subject) {
        try {
            feed.record(FEED, TenantContext.find().map(TenantRef::id).orElse(null), kind, subject);
        } catch (RuntimeException e) {
            // this node's index is right; other nodes repair theirs at their next start (catch-up)
            log.warn("Could not record the index change of {} {} for other instances: {}", kind, subject, e.toString());
        }
    }

    List<ChunkWriter.ChunkDoc> toChunkDocs(Documents.Document doc, List<Documents.ChunkRow> chunks) {
        UUID tenant = TenantContext.currentId();
        List<ChunkWriter.ChunkDoc> out = new ArrayList<>(chunks.size());
        String source = doc.sourceId() == null ? "upload" : doc.sourceId().toString();
        for (Documents.ChunkRow c : chunks) {
            float[] vector = c.embedding() != null && embeddings.id().equals(c.model()) ? c.embedding() : null;
            out.add(new ChunkWriter.ChunkDoc(c.id(), doc.id(), tenant, doc.spaceId(), source, doc.type(),
                    doc.title(), doc.url(), c.headingPath(), c.page(), c.text(), vector, doc.metadata()));
        }
        return out;
    }

    /** Adds a document's words to the decompounding dictionary (memory and PostgreSQL). */
    public void learn(String text) {
        Collection<String> words = german.decompounder().vocabulary(text);
        if (words.isEmpty()) {
            return;
        }
        List<String> list = words.stream().limit(5000).sorted().toList();
        Map<String, Integer> one = new HashMap<>();
        list.forEach(w -> one.put(w, 1));
        german.decompounder().learn(one);
        // words are letters only (Decompounder.acceptable), so the array literal needs no escaping
        jdbc.sql("""
                insert into knowledge_vocabulary (word, doc_freq) select w, 1 from unnest(cast(:words as text[])) as w
                on conflict (word) do update set doc_freq = knowledge_vocabulary.doc_freq + 1""")
                .param("words", "{" + String.join(",", list) + "}").update();
    }

    @Scheduled(fixedDelayString = "${wattos.knowledge.commit-interval:10s}")
    void commitPeriodically() {
        index.commit();
    }

    @Override
    public void close() {
        AutoCloseable f = following;
        if (f != null) {
            try {
                f.close();
            } catch (Exception e) {
                log.debug("Stopping to follow other instances failed", e);
            }
        }
        writes.close();
        index.close();
    }
}
