package de.wattos.chat.internal;

import de.wattos.knowledge.SearchHit;
import de.wattos.platform.text.Language;
import de.wattos.platform.text.QuestionFocus;
import de.wattos.platform.text.Relevance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether the retrieved passages can answer a question at all, with the platform's one {@link Relevance}
 * measure: some passage must cover the question's topic and hold the asked attribute (an amount for "wie hoch", a
 * source for "woher" …) in one of its units. Only then is a model (or the extractive answerer) asked, and only
 * with the passages that are about the question; below that the assistant says honestly that it has no answer.
 * Passages wholly in another language than the conversation's are left out.
 */
final class RelevanceGate {

    private static final int NEARBY_PAGES = 3;
    /** A page worth offering in a no-answer covers at least this share of the topic. */
    private static final double NEARBY_COVERAGE = 0.34;

    private final double minScore;
    private final double minCoverage;

    RelevanceGate(double minScore, double minCoverage) {
        this.minScore = minScore;
        this.minCoverage = minCoverage;
    }

    /**
     * {@code usable}: the passages about the question, in retrieval order; {@code nearby}: up to three distinct
     * pages worth offering when there is no answer.
     */
    record Verdict(boolean relevant, double topScore, double coverage, List<SearchHit> usable, List<SearchHit> nearby,
            QuestionFocus focus) {
    }

    Verdict judge(String question, List<SearchHit> hits) {
        return judge(QuestionFocus.of(question), hits, null);
    }

    Verdict judge(QuestionFocus focus, List<SearchHit> hits, String language) {
        return judge(focus, hits, language, true);
    }

    /**
     * Passages of an external source: their score is on an unknown scale, so only the question's words decide (the
     * same coverage and answer test as for the tenant's own hits).
     */
    Verdict judgeByWords(QuestionFocus focus, List<SearchHit> hits, String language) {
        return judge(focus, hits, language, false);
    }

    private Verdict judge(QuestionFocus focus, List<SearchHit> hits, String language, boolean byScore) {
        double top = hits.isEmpty() ? 0 : hits.getFirst().score();
        List<SearchHit> scored = hits.stream().filter(h -> !byScore || h.score() >= minScore)
                .filter(h -> language == null || sameLanguage(h.text(), language)).toList();
        if (scored.isEmpty() || !focus.hasTopic()) {
            return new Verdict(false, top, 0, List.of(), List.of(), focus);
        }
        Relevance relevance = Relevance.of(focus, scored.stream().map(h -> context(h) + "\n" + text(h)).toList());
        List<SearchHit> usable = new ArrayList<>();
        List<SearchHit> nearby = new ArrayList<>();
        Set<Object> pages = new HashSet<>();
        boolean answers = false;
        double best = 0;
        for (SearchHit h : scored) {
            double coverage = relevance.coverage(context(h) + "\n" + text(h));
            best = Math.max(best, coverage);
            if (coverage >= minCoverage) {
                usable.add(h);
                answers |= relevance.passageAnswers(text(h), context(h));
            }
            if (coverage >= NEARBY_COVERAGE && nearby.size() < NEARBY_PAGES && h.url() != null
                    && pages.add(h.documentId() != null ? h.documentId() : h.url())) {
                nearby.add(h);
            }
        }
        return new Verdict(answers, top, best, answers ? usable : List.of(), nearby, focus);
    }

    private static boolean sameLanguage(String text, String language) {
        String detected = Language.detect(text);
        return detected == null || detected.equals(language);
    }

    private static String context(SearchHit h) {
        return (h.title() == null ? "" : h.title()) + "\n" + (h.headingPath() == null ? "" : h.headingPath());
    }

    private static String text(SearchHit h) {
        return h.text() == null ? "" : h.text();
    }
}
