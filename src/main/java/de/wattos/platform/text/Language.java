package de.wattos.platform.text;

import java.util.Locale;
import java.util.Set;

/**
 * Tells German from English text by their most frequent function words. Enough to keep the English half of a
 * bilingual page out of a German answer and to answer an English question in English; anything else is unknown.
 */
public final class Language {

    public static final String GERMAN = "de";
    public static final String ENGLISH = "en";

    private static final Set<String> DE = Set.of("der", "die", "das", "und", "ist", "sind", "nicht", "mit", "ein",
            "eine", "für", "von", "zu", "den", "dem", "des", "auf", "werden", "wird", "auch", "im", "wie", "was",
            "ich", "sie", "es", "gibt", "bei", "oder", "nach", "wir", "kann", "muss", "zur", "zum", "über", "wann",
            "wo", "woher", "wer", "welche", "diese", "daten", "seit", "aus");
    private static final Set<String> EN = Set.of("the", "and", "is", "are", "not", "with", "a", "an", "for", "of",
            "to", "on", "be", "will", "also", "in", "how", "what", "i", "you", "it", "there", "at", "or", "after",
            "we", "can", "must", "about", "when", "where", "who", "which", "these", "data", "since", "from", "does",
            "do", "this", "that", "by", "have", "has", "my", "your");

    private Language() {
    }

    /** {@code de}, {@code en}, or null when the text does not say clearly (too short, mixed, another language). */
    public static String detect(String text) {
        if (text == null) {
            return null;
        }
        int de = 0;
        int en = 0;
        boolean umlaut = false;
        for (String w : GermanText.words(text)) {
            String lower = w.toLowerCase(Locale.ROOT);
            de += DE.contains(lower) ? 1 : 0;
            en += EN.contains(lower) ? 1 : 0;
            umlaut |= lower.indexOf('ä') >= 0 || lower.indexOf('ö') >= 0 || lower.indexOf('ü') >= 0 || lower.indexOf('ß') >= 0;
        }
        if (umlaut) {
            de++;
        }
        if (de >= 2 && de >= 2 * en) {
            return GERMAN;
        }
        if (en >= 2 && en >= 2 * de) {
            return ENGLISH;
        }
        if (de + en == 1) {
            return de == 1 ? GERMAN : ENGLISH;
        }
        return null;
    }

    /** The language part of a locale tag ({@code en-GB} → {@code en}); null if none. */
    public static String ofLocale(String locale) {
        if (locale == null || locale.isBlank()) {
            return null;
        }
        String lang = Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
        return lang.isEmpty() ? null : lang;
    }
}
