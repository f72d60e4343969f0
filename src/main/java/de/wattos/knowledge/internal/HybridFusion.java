package de.wattos.knowledge.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/** Combines the lexical and the vector ranking of one hybrid search as {@link Ranking} says. */
final class HybridFusion {

    private final Ranking ranking;

    HybridFusion(Ranking ranking) {
        this.ranking = ranking;
    }

    List<ScoreDoc> fuse(int topK, TopDocs lexical, TopDocs vector) {
        double w = ranking.vectorWeight();
        // insertion order breaks ties between equal fused scores (RRF: lexical first)
        Map<Integer, Double> scores = ranking.fusion() == Ranking.Fusion.CONVEX ? new HashMap<>() : new LinkedHashMap<>();
        if (ranking.fusion() == Ranking.Fusion.CONVEX) {
            addNormalised(scores, lexical.scoreDocs, 1 - w);
            addNormalised(scores, vector.scoreDocs, w);
        } else {
            addReciprocalRanks(scores, lexical.scoreDocs, 1);
            addReciprocalRanks(scores, vector.scoreDocs, w);
        }
        return scores.entrySet().stream()
                .sorted(Map.Entry.<Integer, Double>comparingByValue().reversed())
                .limit(Math.max(topK, 1))
                .map(e -> new ScoreDoc(e.getKey(), e.getValue().floatValue()))
                .toList();
    }

    private void addReciprocalRanks(Map<Integer, Double> scores, ScoreDoc[] docs, double weight) {
        for (int i = 0; i < docs.length; i++) {
            scores.merge(docs[i].doc, weight / (ranking.rrfK() + i + 1), Double::sum);
        }
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
}
