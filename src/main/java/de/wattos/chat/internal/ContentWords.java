package de.wattos.chat.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content words of a (mostly German) question: lower-cased, without stop words and question words. Used to
 * judge whether retrieved passages are about the question at all and to carry the topic of earlier turns into a
 * follow-up question.
 */
final class ContentWords {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}-]*");

    static final Set<String> STOP = setOf(
            // German articles, pronouns, particles, auxiliaries, question words
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "kein", "keine",
            "keinen", "und", "oder", "aber", "doch", "auch", "noch", "schon", "nur", "mal", "denn", "dann", "also", "so",
            "ich", "du", "er", "sie", "es", "wir", "ihr", "man", "mich", "mir", "dich", "dir", "uns", "euch", "ihnen",
            "ihm", "ihn", "sich", "mein", "meine", "meinen", "meinem", "meiner", "dein", "deine", "sein", "seine",
            "ihre", "ihren", "ihrem", "unser", "unsere", "dies", "diese", "dieser", "dieses", "diesen", "diesem",
            "jene", "welche", "welcher", "welches", "welchen", "was", "wer", "wie", "wo", "wann", "warum", "wieso",
            "weshalb", "woher", "wohin", "wozu", "womit", "wofür", "wofuer", "worauf", "wieviel", "wieviele", "viel",
            "viele", "ist", "sind", "war", "waren", "bin", "bist", "seid", "wird", "werden", "wurde", "wurden", "hat",
            "haben", "habe", "hast", "hatte", "kann", "können", "koennen", "könnte", "muss", "müssen", "muessen",
            "soll", "sollen", "darf", "dürfen", "will", "wollen", "möchte", "moechte", "möchten", "gibt", "geben",
            "gib", "bitte", "danke", "in", "im", "an", "am", "auf", "aus", "bei", "beim", "mit", "nach", "von", "vom",
            "zu", "zum", "zur", "für", "fuer", "über", "ueber", "unter", "um", "durch", "gegen", "ohne", "bis", "seit",
            "als", "wenn", "ob", "dass", "da", "hier", "dort", "nicht", "ja", "nein", "sehr", "mehr", "etwas", "alle",
            "allen", "jetzt", "heute", "gerne", "gern", "mal", "eigentlich", "genau", "dafür", "dafuer", "dazu",
            "davon", "damit", "darüber", "darueber", "hallo", "guten", "tag",
            // English basics (the assistant answers other languages too)
            "the", "a", "an", "and", "or", "is", "are", "what", "how", "when", "where", "who", "why", "which", "do",
            "does", "can", "i", "you", "it", "of", "to", "for", "in", "on", "with", "my", "your", "please");

    /**
     * Question scaffolding: verbs and adjectives that describe what is asked rather than what about ("Was regelt …",
     * "Wie hoch ist …", "Was kostet …"). Answers rarely repeat them, so they do not count for coverage.
     */
    static final Set<String> SCAFFOLDING = setOf("regelt", "regeln", "geregelt", "gibt", "gilt", "gelten", "steht",
            "stehen", "bedeutet", "bedeuten", "heißt", "heisst", "brauche", "brauchen", "braucht", "benötige",
            "benoetige", "benötigen", "benoetigen", "bekomme", "bekommen", "erhalte", "erhalten", "finde", "finden",
            "mache", "machen", "tun", "hoch", "hohe", "hoher", "teuer", "lange", "dauert", "dauern", "kostet", "kosten",
            "beantrage", "beantragen", "informationen", "info", "infos", "frage", "fragen", "sagen", "erklären",
            "erklaeren", "erkläre", "nennen", "welchen", "welchem", "passiert", "läuft", "laeuft", "funktioniert");

    /** Words that point back to something said before: a question using them is probably a follow-up. */
    static final Set<String> ANAPHORA = setOf("das", "dies", "diese", "dieser", "dieses", "dafür", "dafuer", "dazu",
            "davon", "damit", "darüber", "darueber", "dort", "da", "es", "er", "sie", "ihn", "ihm", "denen", "deren",
            "dessen", "derselbe", "dasselbe", "auch", "und", "noch", "außerdem", "ausserdem", "sonst", "it", "that",
            "this", "there", "they", "them");

    private ContentWords() {
    }

    private static Set<String> setOf(String... words) {
        return Set.copyOf(java.util.Arrays.asList(words));
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text == null ? "" : text.toLowerCase(Locale.GERMAN));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Content words in order of appearance, without duplicates. */
    static List<String> of(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : words(text)) {
            if (w.length() >= 3 && !STOP.contains(w)) {
                out.add(w);
            }
        }
        return List.copyOf(out);
    }

    /** Folds umlauts and ß so that "Gebühr" and "Gebuehr" compare equal. */
    static String fold(String s) {
        String lower = s.toLowerCase(Locale.GERMAN)
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
        return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    private static final String[] SUFFIXES = {"ern", "en", "er", "es", "em", "e", "s", "n"};

    /** The folded word without a common German inflection ending ("grundgesetzes" → "grundgesetz"), at least 4 letters. */
    static String stem(String word) {
        String w = fold(word);
        for (String suffix : SUFFIXES) {
            if (w.endsWith(suffix) && w.length() - suffix.length() >= 4) {
                return w.substring(0, w.length() - suffix.length());
            }
        }
        return w;
    }

    /**
     * True if {@code haystack} (already folded) mentions the word: its stem occurs (as a prefix of some form:
     * "menschen" in "Mensch", "gebuehren" in "Gebühr"), a legal abbreviation of it does ("Artikel" as "Art",
     * "Paragraph" as "§"), or, for a compound, its last part (German compounds carry their head at the end:
     * "Anwohnerparkausweis" is about a "parkausweis").
     */
    static boolean mentioned(String word, String foldedHaystack) {
        String w = fold(word);
        String stem = stem(w);
        if (stem.length() > 5) {
            stem = stem.substring(0, Math.max(5, stem.length() - 1));
        }
        if (stem.length() <= 4 ? startsAWord(foldedHaystack, stem) : foldedHaystack.contains(stem)) {
            return true;
        }
        if ((w.startsWith("artikel") && (foldedHaystack.contains("art ") || foldedHaystack.contains("art. ")))
                || ((w.startsWith("paragraph") || w.startsWith("paragraf")) && foldedHaystack.contains("§"))) {
            return true;
        }
        if (w.length() >= 10) {
            for (int cut = 3; cut <= w.length() - 6; cut++) {
                String head = w.substring(cut);
                String headStem = head.substring(0, Math.max(6, head.length() - 2));
                if (foldedHaystack.contains(headStem)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Short stems ("zug") must begin a word, or "Bezug" would count. */
    private static boolean startsAWord(String haystack, String stem) {
        int i = haystack.indexOf(stem);
        while (i >= 0) {
            if (i == 0 || !Character.isLetterOrDigit(haystack.charAt(i - 1))) {
                return true;
            }
            i = haystack.indexOf(stem, i + 1);
        }
        return false;
    }

    /** Share of the question's content words (scaffolding aside) mentioned in the text; 1 if it has none. */
    static double coverage(List<String> questionWords, String text) {
        List<String> words = questionWords.stream().filter(w -> !SCAFFOLDING.contains(w)).toList();
        if (words.isEmpty()) {
            return 1.0;
        }
        String folded = fold(text);
        long hit = words.stream().filter(w -> mentioned(w, folded)).count();
        return (double) hit / words.size();
    }

    /**
     * The nouns of a German question, recognised by their capital letter (not counting the first word unless it is
     * no question or stop word), lower-cased.
     */
    static List<String> nouns(String question) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = WORD.matcher(question == null ? "" : question);
        boolean first = true;
        while (m.find()) {
            String w = m.group();
            String lower = w.toLowerCase(Locale.GERMAN);
            boolean capital = Character.isUpperCase(w.charAt(0));
            if (capital && w.length() >= 3 && !STOP.contains(lower) && !SCAFFOLDING.contains(lower)
                    && !(first && ANAPHORA.contains(lower))) {
                out.add(lower);
            }
            first = false;
        }
        return List.copyOf(out);
    }
}
