package de.wattos.agent.internal.routing;

import de.wattos.character.AgentScope;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lexical evidence that a question belongs to an agent's scope: the question's content words against the agent's
 * topics, name and target group (full weight), its typical questions and description (less, they are wordier).
 * German compounds count: "Gewerbeanmeldung" matches the topic "Gewerbe". A question that asks for plain language
 * favours agents whose persona reads einfach or Leichte Sprache.
 */
final class ScopeMatcher {

    private static final Set<String> STOPWORDS = Set.of("eine", "einen", "einem", "einer", "eines", "diese", "dieser",
            "dieses", "habe", "haben", "hat", "wird", "werden", "kann", "können", "könnte", "bitte", "welche", "welcher",
            "welches", "über", "gibt", "brauche", "braucht", "möchte", "möchten", "muss", "müssen", "sich", "auch", "noch",
            "nicht", "beim", "sind", "mein", "meine", "meinen", "meinem", "meiner", "unser", "unsere", "wann", "warum",
            "wieso", "woher", "wohin", "dass", "wenn", "dann", "aber", "schon", "mehr", "viel", "sehr", "gern", "gerne",
            "frage", "fragen", "hallo", "guten", "bekomme", "bekommen", "machen", "mache", "geht", "gilt", "stadt",
            "gemeinde", "verwaltung", "ihre", "ihren", "ihrem", "ihrer", "sein", "seine", "wäre", "gibt's", "etwas",
            "damit", "dafür", "dazu", "darf", "soll", "sollte", "will", "wollen", "what", "where", "when", "which",
            "have", "does", "with", "from", "that", "this", "your", "about", "please", "need");
    private static final List<String> PLAIN_LANGUAGE = List.of("leichte sprache", "einfache sprache", "einfach erklär",
            "einfache worte", "einfachen worten", "verstehe das nicht", "nicht verstanden", "plain language", "easy language");

    private ScopeMatcher() {
    }

    /**
     * Each candidate's evidence for the question, relative to the others: a word that fits every candidate alike
     * (the municipality's name, a topic all personas share) tells nothing and counts for none.
     */
    static java.util.Map<java.util.UUID, Double> scores(String question, List<AgentScope> candidates) {
        Set<String> asked = stems(question);
        java.util.Map<java.util.UUID, Double> scores = new java.util.HashMap<>();
        java.util.Map<java.util.UUID, double[]> perWord = new java.util.HashMap<>();
        List<String> words = List.copyOf(asked);
        for (AgentScope scope : candidates) {
            Set<String> strong = new HashSet<>(stems(scope.name()));
            strong.addAll(stems(scope.targetGroup()));
            scope.topics().forEach(t -> strong.addAll(stems(t)));
            Set<String> weak = new HashSet<>(stems(scope.description()));
            scope.questions().forEach(q -> weak.addAll(stems(q)));
            double[] m = new double[words.size()];
            for (int i = 0; i < words.size(); i++) {
                m[i] = Math.max(best(words.get(i), strong), 0.6 * best(words.get(i), weak));
            }
            perWord.put(scope.agentId(), m);
        }
        boolean plain = asksForPlainLanguage(question);
        for (AgentScope scope : candidates) {
            double[] m = perWord.get(scope.agentId());
            double score = 0;
            for (int i = 0; i < words.size(); i++) {
                double floor = Double.MAX_VALUE;
                for (double[] other : perWord.values()) {
                    floor = Math.min(floor, other[i]);
                }
                score += m[i] - (candidates.size() > 1 ? floor : 0);
            }
            if (plain && !"standard".equals(scope.languageLevel())) {
                score += 1.5;
            }
            scores.put(scope.agentId(), score);
        }
        return scores;
    }

    static boolean asksForPlainLanguage(String question) {
        String q = question.toLowerCase(Locale.GERMAN);
        return PLAIN_LANGUAGE.stream().anyMatch(q::contains);
    }

    private static double best(String word, Set<String> terms) {
        double best = 0;
        for (String term : terms) {
            best = Math.max(best, match(word, term));
            if (best == 1) {
                break;
            }
        }
        return best;
    }

    private static double match(String a, String b) {
        if (a.equals(b)) {
            return 1;
        }
        // a compound holds the other word (Gewerbeanmeldung ∋ gewerb, Hundesteuer ∋ hund)
        if (a.length() >= 4 && b.length() >= 4 && (a.contains(b) || b.contains(a))) {
            return 0.7;
        }
        int common = 0;
        while (common < a.length() && common < b.length() && a.charAt(common) == b.charAt(common)) {
            common++;
        }
        return common >= 6 ? 0.5 : 0;
    }

    static Set<String> stems(String text) {
        Set<String> out = new HashSet<>();
        if (text == null) {
            return out;
        }
        for (String token : text.toLowerCase(Locale.GERMAN).split("[^\\p{L}\\p{N}]+")) {
            if (token.length() < 4 || STOPWORDS.contains(token)) {
                continue;
            }
            out.add(stem(token));
        }
        return out;
    }

    /** A light German stem: inflection endings off, so "Anmeldungen" and "Anmeldung" meet. */
    private static String stem(String token) {
        for (String suffix : List.of("ungen", "ung", "en", "er", "es", "e", "n", "s")) {
            if (token.endsWith(suffix) && token.length() - suffix.length() >= 4) {
                return token.substring(0, token.length() - suffix.length()) + (suffix.startsWith("ung") ? "ung" : "");
            }
        }
        return token;
    }
}
