package de.wattos.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.junit.jupiter.api.Test;

/** How the lexical and the vector ranking combine under each {@link Ranking.Fusion}. */
class HybridFusionTest {

    private static TopDocs ranking(float... scoresByDoc) {
        ScoreDoc[] docs = new ScoreDoc[scoresByDoc.length / 2];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = new ScoreDoc((int) scoresByDoc[2 * i], scoresByDoc[2 * i + 1]);
        }
        return new TopDocs(new TotalHits(docs.length, TotalHits.Relation.EQUAL_TO), docs);
    }

    private static List<Integer> order(Ranking ranking, TopDocs lexical, TopDocs vector) {
        return new HybridFusion(ranking).fuse(10, lexical, vector).stream().map(d -> d.doc).toList();
    }

    // doc 1: a clear BM25 winner; doc 2: a close second lexically; doc 3: only the vectors' favourite
    private final TopDocs lexical = ranking(1, 20f, 2, 6f, 4, 5f);
    private final TopDocs vector = ranking(3, 0.9f, 2, 0.85f, 5, 0.5f, 6, 0.4f, 1, 0.2f);

    @Test
    void convexFusionKeepsAClearLexicalWinnerOnTop() {
        assertThat(order(Ranking.DEFAULTS, lexical, vector)).startsWith(1);
    }

    @Test
    void reciprocalRankFusionOnlySeesRanks() {
        // doc 2 is second in both lists: by ranks alone it beats the lexical winner that the vectors rank fifth
        assertThat(order(Ranking.DEFAULTS.withFusion(Ranking.Fusion.RRF, 1f), lexical, vector)).startsWith(2);
    }

    @Test
    void theVectorWeightMovesConvexFusionTowardsTheVectors() {
        assertThat(order(Ranking.DEFAULTS.withFusion(Ranking.Fusion.CONVEX, 0.9f), lexical, vector)).startsWith(3);
        assertThat(order(Ranking.DEFAULTS.withFusion(Ranking.Fusion.CONVEX, 0f), lexical, vector)).startsWith(1, 2);
    }

    @Test
    void atMostTopKAndEveryCandidateOnce() {
        assertThat(new HybridFusion(Ranking.DEFAULTS).fuse(2, lexical, vector)).hasSize(2);
        assertThat(order(Ranking.DEFAULTS, lexical, vector)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    }
}
