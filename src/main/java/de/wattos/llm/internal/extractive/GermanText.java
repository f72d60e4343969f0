package de.wattos.llm.internal.extractive;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Just enough German text handling for lexical matching without a model: case and umlaut folding
 * ({@code Gebühr} = {@code gebuehr} = {@code gebuhr}-free), stop words, light suffix stemming, and compound-part
 * matching ({@code Hundesteuer} ~ {@code Steuer}, {@code Hund}).
 */
final class GermanText {

    private static final Set<String> STOP = Set.copyOf(List.of(
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen", "und", "oder",
            "aber", "als", "am", "an", "auf", "aus", "bei", "bin", "bis", "bist", "da", "damit", "dann", "dass", "daß",
            "denn", "doch", "du", "durch", "er", "es", "fuer", "hat", "habe", "haben", "hier", "ich", "ihr", "ihre",
            "im", "in", "ist", "ja", "kann", "koennen", "koennte", "man", "mein", "meine", "meinen", "meiner", "mich",
            "mir", "mit", "muss", "muessen", "nach", "nicht", "noch", "nur", "ob", "sein", "seine", "sich", "sie",
            "sind", "so", "soll", "sollte", "ueber", "um", "uns", "unter", "vom", "von", "vor", "war", "was", "wann",
            "warum", "welche", "welcher", "welches", "wenn", "wer", "werden", "wie", "wieso", "wird", "wo", "woher",
            "wohin", "womit", "wir", "zu", "zum", "zur", "gibt", "geben", "bitte", "mal", "etwas", "alle", "auch",
            "sehr", "wurde", "wurden", "dort", "dies", "diese", "dieser", "dieses", "ueberhaupt", "eigentlich",
            "brauche", "brauchen", "moechte", "will", "wieviel", "wie", "viel", "viele", "gilt", "the", "and", "of",
            "to", "is", "what", "how", "where", "when", "a", "for", "on", "can", "i", "do", "does"));

    private static final String[] SUFFIXES = {"ern", "em", "en", "er", "es", "et", "st", "e", "n", "s", "t"};

    private GermanText() {
    }

    /** Lower case, umlauts to ae/oe/ue, ß to ss, other accents dropped. */
    static String fold(String text) {
        String lower = text.toLowerCase(Locale.GERMAN)
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "");
    }

    /** Content terms: folded, stop words removed, stemmed. Numbers are kept (fees, years, paragraph numbers). */
    static List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String token : fold(text).split("[^a-z0-9]+")) {
            if (token.isEmpty() || STOP.contains(token)) {
                continue;
            }
            if (token.length() < 2 && !Character.isDigit(token.charAt(0))) {
                continue;
            }
            out.add(stem(token));
        }
        return out;
    }

    static String stem(String word) {
        if (word.length() <= 4 || Character.isDigit(word.charAt(0))) {
            return word;
        }
        for (String suffix : SUFFIXES) {
            if (word.endsWith(suffix) && word.length() - suffix.length() >= 4) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }

    /**
     * How well a question term matches a passage term: 1 for the same stem, 0.7 when one is a compound part of the
     * other (the shorter has at least four letters and sits at the start or end), otherwise 0.
     */
    static double match(String query, String term) {
        if (query.equals(term)) {
            return 1.0;
        }
        String shorter = query.length() <= term.length() ? query : term;
        String longer = shorter == query ? term : query;
        if (shorter.length() >= 4 && !Character.isDigit(shorter.charAt(0))
                && (longer.startsWith(shorter) || longer.endsWith(shorter))) {
            return 0.7;
        }
        if (shorter.length() >= 4 && !Character.isDigit(shorter.charAt(0)) && longer.contains(shorter)) {
            return 0.5;
        }
        return 0;
    }
}
