package de.wattos.knowledge.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.util.Bits;

/**
 * Which version ({@code index_seq}) of each document the index holds, read from doc values: the catch-up after a
 * crash compares it with PostgreSQL and re-indexes what differs.
 */
final class IndexedVersions {

    private IndexedVersions() {
    }

    /** document id -> the lowest indexed seq among its live chunks. */
    static Map<UUID, Long> read(IndexReader reader) throws IOException {
        Map<UUID, Long> out = new HashMap<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            SortedDocValues docs = leaf.reader().getSortedDocValues(IndexSchema.F_DOC);
            NumericDocValues seqs = leaf.reader().getNumericDocValues(IndexSchema.F_SEQ);
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
        return out;
    }
}
