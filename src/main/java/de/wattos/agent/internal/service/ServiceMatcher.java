package de.wattos.agent.internal.service;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ranks catalogue entries for a citizen's words without a model: German word stems matched inside compounds
 * ("Hund" finds "Hundesteuer"), name hits weigh most, then keywords, then the description. Deterministic, so the
 * extractive mode can use it to pick the right link.
 */
public final class ServiceMatcher {

    public record Match(CatalogueEntry entry, double score) {
    }

    private static final Set<String> STOP = Set.of("und", "oder", "der", "die", "das", "den", "dem", "des", "ein", "eine",
            "einen", "einem", "einer", "ich", "wir", "sie", "mein", "meine", "meinen", "wie", "was", "wo", "wann", "kann",
            "muss", "will", "möchte", "moechte", "brauche", "bitte", "mit", "für", "fuer", "von", "zum", "zur", "auf", "bei",
            "ist", "sind", "gibt", "es", "man", "mir", "mich", "hallo", "neue", "neuen", "neuer", "the", "and", "for", "how",
            "can", "what", "where", "need", "want");

    private ServiceMatcher() {
    }

    public static List<Match> rank(List<CatalogueEntry> entries, String query, int limit) {
        List<String> stems = stems(query);
        if (stems.isEmpty()) {
            return List.of();
        }
        List<Match> matches = new ArrayList<>();
        for (CatalogueEntry e : entries) {
            String name = normalise(e.name());
            String keywords = normalise(String.join(" ", e.keywords()));
            String description = normalise(e.description());
            double score = 0;
            int matched = 0;
            for (String stem : stems) {
                double s = name.contains(stem) ? 3 : keywords.contains(stem) ? 2 : description.contains(stem) ? 1 : 0;
                if (s > 0) {
                    matched++;
                }
                score += s;
            }
            if (matched > 0) {
                matches.add(new Match(e, score * matched / stems.size()));
            }
        }
        matches.sort(Comparator.comparingDouble(Match::score).reversed().thenComparing(m -> m.entry().name()));
        return matches.subList(0, Math.min(limit, matches.size()));
    }

    static List<String> stems(String text) {
        List<String> out = new ArrayList<>();
        for (String token : normalise(text).split("[^\\p{L}\\p{N}]+")) {
            if (token.length() < 3 || STOP.contains(token)) {
                continue;
            }
            String stem = stem(token);
            if (!out.contains(stem)) {
                out.add(stem);
            }
        }
        return out;
    }

    private static String stem(String token) {
        for (String suffix : List.of("ungen", "en", "er", "es", "e", "n", "s")) {
            if (token.endsWith(suffix) && token.length() - suffix.length() >= 4) {
                return token.substring(0, token.length() - suffix.length());
            }
        }
        return token;
    }

    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String lower = text.toLowerCase(Locale.GERMAN).replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
        return Normalizer.normalize(lower, Normalizer.Form.NFKC);
    }
}
