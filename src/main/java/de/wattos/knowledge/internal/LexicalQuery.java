package de.wattos.knowledge.internal;

import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Builds the BM25 query of a question: whole words at full weight; a compound of the question also matches text
 * that has its parts (Hundesteuer ~ "Steuer für Hunde": all parts of a two-part compound, all but one of a longer
 * one) and a word of the question inside a compound of the text, both at reduced weight; a single part ("haus" of
 * "Haushaltsplan") never matches on its own. Identifiers match verbatim, and questions asking for an amount of
 * money prefer passages stating one.
 */
final class LexicalQuery {

    /** Weight of matches that need compound splitting (a part of a compound in the query or in the text). */
    static final float PART_WEIGHT = 0.3f;
    /** Weight of a question's identifier that names a chunk's own section (§ 5, Art 1). */
    static final float SECTION_WEIGHT = 4f;
    private static final int MAX_WORD_CLAUSES = 96;
    private static final int MAX_CLAUSES = 112;

    private final GermanText german;
    private final float amountBoost;

    LexicalQuery(GermanText german, float amountBoost) {
        this.german = german;
        this.amountBoost = amountBoost;
    }

    /** The query restricted by the filter, or null when the text has no searchable word. */
    Query build(String text, Query filter) {
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        int clauses = 0;
        for (List<String> word : german.words(text)) {
            if (clauses >= MAX_WORD_CLAUSES) {
                break;
            }
            String whole = word.getFirst();
            should.add(new TermQuery(new Term(IndexSchema.F_TEXT, whole)), Occur.SHOULD);
            should.add(new BoostQuery(new TermQuery(new Term(IndexSchema.F_PARTS, whole)), PART_WEIGHT), Occur.SHOULD);
            clauses += 2;
            if (word.size() > 1) {
                should.add(new BoostQuery(partsOf(word.subList(1, word.size())), PART_WEIGHT), Occur.SHOULD);
                clauses++;
            }
        }
        for (String ident : GermanText.identifiers(text)) {
            if (clauses++ >= MAX_CLAUSES) {
                break;
            }
            if (!ident.equals(GermanText.AMOUNT_MARK)) {
                should.add(new BoostQuery(new TermQuery(new Term(IndexSchema.F_IDENT, ident)), 2f), Occur.SHOULD);
                // "Was regelt Artikel 1?": the section headed "Art 1" outranks text that merely cites it
                should.add(new BoostQuery(new TermQuery(new Term(IndexSchema.F_IDENT, GermanText.HEADING_MARK + ident)),
                        SECTION_WEIGHT), Occur.SHOULD);
            }
        }
        if (clauses > 0 && GermanText.asksForAmount(text)) {
            // "Wie hoch ist …?", "Was kostet …?": passages that state an amount of money answer it
            should.add(new BoostQuery(new TermQuery(new Term(IndexSchema.F_IDENT, GermanText.AMOUNT_MARK)), amountBoost),
                    Occur.SHOULD);
        }
        if (clauses == 0) {
            return null;
        }
        return new BooleanQuery.Builder().add(should.build(), Occur.MUST).add(filter, Occur.FILTER).build();
    }

    /** All parts of a two-part compound, all but one of a longer one. */
    private static Query partsOf(List<String> parts) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String part : parts) {
            b.add(new TermQuery(new Term(IndexSchema.F_PARTS, part)), Occur.SHOULD);
        }
        b.setMinimumNumberShouldMatch(parts.size() <= 2 ? parts.size() : parts.size() - 1);
        return b.build();
    }
}
