package de.wattos.knowledge.internal;

import de.wattos.knowledge.IncomingDocument;
import de.wattos.knowledge.SearchQuery;

import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The fields of a chunk in the index and how a chunk and a request's filters become Lucene documents and
 * filter clauses. Tenant and space are plain terms, so they filter inside every query (lexical and kNN).
 */
public final class IndexSchema {

    public static final String F_CHUNK = "chunk";
    public static final String F_DOC = "doc";
    public static final String F_TENANT = "tenant";
    public static final String F_SPACE = "space";
    public static final String F_SOURCE = "source";
    public static final String F_TYPE = "type";
    /** The document's {@code index_seq} (doc values), compared with PostgreSQL to catch up after a crash. */
    public static final String F_SEQ = "seq";
    /** Whole words (German-analysed). */
    public static final String F_TEXT = GermanText.WHOLE_FIELD;
    /** Whole words and the parts of compounds. */
    public static final String F_PARTS = GermanText.PARTS_FIELD;
    /** Identifiers such as numbers, amounts and codes, verbatim. */
    public static final String F_IDENT = "ident";
    public static final String F_VECTOR = "vec";
    public static final String F_BODY = "body";
    public static final String F_TITLE = "title";
    public static final String F_URL = "url";
    public static final String F_HEADING = "heading";
    public static final String F_PAGE = "page";
    public static final String F_META = "meta.";
    /** The personas a document is addressed to, plus {@link #PERSONAS_RESTRICTED} when there are any. */
    static final String F_PERSONAS = F_META + IncomingDocument.PERSONAS;
    static final String PERSONAS_RESTRICTED = "*restricted";

    private IndexSchema() {
    }

    static Document toDocument(ChunkWriter.ChunkDoc c, long seq) {
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
        if (c.headingPath() != null) {
            // the section a chunk belongs to ("Art 1", "§ 5") names it; a mere mention elsewhere does not
            for (String ident : GermanText.identifiers(c.headingPath())) {
                d.add(new StringField(F_IDENT, GermanText.HEADING_MARK + ident, Field.Store.NO));
            }
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
            String personas = c.meta().get(IncomingDocument.PERSONAS);
            if (personas != null && !personas.isBlank()) {
                // addressed to these personas only: searches for another persona leave it out (filter below)
                d.add(new StringField(F_PERSONAS, PERSONAS_RESTRICTED, Field.Store.NO));
                for (String p : personas.split(",")) {
                    if (!p.isBlank()) {
                        d.add(new StringField(F_PERSONAS, p.strip().toLowerCase(Locale.ROOT), Field.Store.NO));
                    }
                }
            }
            c.meta().forEach((k, v) -> {
                if (k != null && v != null && v.length() <= 200 && !IncomingDocument.PERSONAS.equals(k)) {
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

    /** The request's tenant, spaces and metadata filters as one filter query. */
    static Query filter(ChunkSearcher.Request r) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new TermQuery(new Term(F_TENANT, r.tenantId().toString())), Occur.FILTER);
        if (r.spaceIds() != null && !r.spaceIds().isEmpty()) {
            b.add(new TermInSetQuery(F_SPACE, r.spaceIds().stream().map(id -> new BytesRef(id.toString())).toList()), Occur.FILTER);
        }
        if (r.filters() != null) {
            r.filters().forEach((k, v) -> {
                if (SearchQuery.PERSONA_FILTER.equals(k)) {
                    // leave out what is addressed to personas, unless this one is among them
                    b.add(new BooleanQuery.Builder()
                            .add(new TermQuery(new Term(F_PERSONAS, PERSONAS_RESTRICTED)), Occur.FILTER)
                            .add(new TermQuery(new Term(F_PERSONAS, v.toLowerCase(Locale.ROOT))), Occur.MUST_NOT)
                            .build(), Occur.MUST_NOT);
                } else {
                    b.add(new TermQuery(filterTerm(k, v)), Occur.FILTER);
                }
            });
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
}
