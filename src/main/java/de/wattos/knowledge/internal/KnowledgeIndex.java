package de.wattos.knowledge.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;

/**
 * The Lucene index of chunks on disk and its lifecycle: one index for all tenants (tenant and space are filter
 * clauses inside every query), opened as it is or recreated empty when its analysis or embedding model changed,
 * refreshed near-real-time, committed with its commit data, closed. Each chunk carries its document's
 * {@code index_seq}, so the index can be compared with PostgreSQL and caught up after a crash ({@link #indexedSeqs()}).
 * {@link ChunkWriter} changes it, {@link ChunkSearcher} searches it.
 */
public final class KnowledgeIndex implements Closeable {

    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final GermanText german;
    private final boolean created;

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

    public GermanText german() {
        return german;
    }

    IndexWriter writer() {
        return writer;
    }

    SearcherManager searchers() {
        return searchers;
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
