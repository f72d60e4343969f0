package de.wattos.knowledge.internal;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How search results are ranked ({@code wattos.knowledge.ranking.*}): the benchmark's choices are the defaults
 * ({@code ./wattos bench retrieval} compares the alternatives).
 *
 * @param fusion        how lexical and vector rankings are combined in hybrid mode
 * @param vectorWeight  the vector ranking's share (convex: weight of its normalised score; RRF: weight of its ranks)
 * @param rrfK          the rank constant of reciprocal rank fusion
 * @param amountBoost   boost of passages stating an amount of money for questions asking for one
 */
public record Ranking(@DefaultValue("CONVEX") Fusion fusion, @DefaultValue("0.3") float vectorWeight,
        @DefaultValue("60") int rrfK, @DefaultValue("1.5") float amountBoost) {

    /**
     * {@code CONVEX}: a convex combination of min-max normalised scores, lexical weighted {@code 1 - vectorWeight}
     * (score-aware: a clear BM25 winner stays on top, vectors break ties and rescue paraphrases). {@code RRF}:
     * weighted reciprocal rank fusion (rank-only).
     */
    public enum Fusion { CONVEX, RRF }

    public static final Ranking DEFAULTS = new Ranking(Fusion.CONVEX, 0.3f, 60, 1.5f);

    public Ranking withFusion(Fusion f, float weight) {
        return new Ranking(f, weight, rrfK, amountBoost);
    }

    public Ranking withAmountBoost(float boost) {
        return new Ranking(fusion, vectorWeight, rrfK, boost);
    }
}
