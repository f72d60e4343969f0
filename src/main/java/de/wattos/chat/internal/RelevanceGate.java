package de.wattos.chat.internal;

import de.wattos.knowledge.SearchHit;
import java.util.List;

/**
 * Decides whether the retrieved passages can answer a question at all: the best hit must reach the configured
 * score and the passages must mention enough of the question's content words. Below that the assistant says
 * honestly that it has no answer instead of letting a model improvise.
 */
final class RelevanceGate {

    private static final int CHECKED_HITS = 4;

    private final double minScore;
    private final double minCoverage;

    RelevanceGate(double minScore, double minCoverage) {
        this.minScore = minScore;
        this.minCoverage = minCoverage;
    }

    record Verdict(boolean relevant, double topScore, double coverage, List<SearchHit> usable) {
    }

    Verdict judge(String question, List<SearchHit> hits) {
        List<SearchHit> usable = hits.stream().filter(h -> h.score() >= minScore).toList();
        if (usable.isEmpty()) {
            return new Verdict(false, hits.isEmpty() ? 0 : hits.getFirst().score(), 0, List.of());
        }
        StringBuilder text = new StringBuilder();
        for (SearchHit h : usable.subList(0, Math.min(CHECKED_HITS, usable.size()))) {
            text.append(h.title()).append(' ').append(h.headingPath()).append(' ').append(h.text()).append('\n');
        }
        String passages = text.toString();
        double coverage = ContentWords.coverage(ContentWords.of(question), passages);
        // the key nouns decide when the question is worded around them ("Was regelt Artikel 1 des Grundgesetzes …")
        List<String> nouns = ContentWords.nouns(question);
        double nounCoverage = nouns.isEmpty() ? 0 : ContentWords.coverage(nouns, passages);
        boolean relevant = coverage >= minCoverage || (nouns.size() >= 2 && nounCoverage >= Math.max(minCoverage, 0.6));
        return new Verdict(relevant, usable.getFirst().score(), Math.max(coverage, nounCoverage), usable);
    }
}
