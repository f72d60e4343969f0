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
            "to", "is", "what", "how", "where", "when", "a", "for", "on", "can", "i", "do", "does",
            // question scaffolding: says what kind of answer is wanted, never what it is about
            "hoch", "hohe", "hoher", "hohen", "teuer", "lange", "oft", "genau", "gerne", "erfahren", "wissen", "sagen",
            "nennen", "erklaeren", "regelt", "regeln", "steht", "stehen", "finde", "finden", "bekomme", "bekommen",
            "erhalte", "kriege", "weiss", "frage", "fragen", "bitte", "danke", "hallo", "gibt's", "gilt's", "jemand",
            "irgendwo", "welchen", "welchem", "wieviele", "wieso", "weshalb", "ihnen", "euch", "unsere", "unser",
            "zahle", "zahlen", "zahlt", "bezahle", "bezahlen", "bezahlt", "jede", "jeden", "jeder", "jedes", "sie",
            "ihr", "ihre", "ihren", "ihrem", "dein", "deine"));

    /** Ordinals: they pick the right sentence ("zweiten Hund") but must not decide which passage is relevant. */
    static final Set<String> ORDINALS = Set.of("erst", "erste", "zweit", "zweite", "dritt", "dritte", "viert", "vierte",
            "fuenft", "fuenfte", "letzt", "letzte", "weit", "weitere");

    /** Abbreviations of legal texts and their long forms, so "Art 1" answers "Artikel 1". */
    private static final java.util.Map<String, String> ALIASES = java.util.Map.of("art", "artikel", "abs", "absatz",
            "ziff", "ziffer", "paragraph", "paragraf", "paragraphen", "paragraf", "paragrafen", "paragraf",
            "nr", "nummer");

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
        for (String raw : fold(text.replace("§", " paragraf ")).split("[^a-z0-9]+")) {
            String token = ALIASES.getOrDefault(raw, raw);
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

    /**
     * The terms of the question's nouns: German capitalises nouns, so a capitalised word that does not start the
     * sentence is one (formal "Sie"/"Ihr" are stop words anyway).
     */
    static Set<String> nounTerms(String question) {
        Set<String> nouns = new java.util.HashSet<>();
        if (question == null) {
            return nouns;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}-]*").matcher(question);
        boolean sentenceStart = true;
        int last = 0;
        while (m.find()) {
            String gap = question.substring(last, m.start());
            if (gap.matches(".*[.!?:;].*")) {
                sentenceStart = true;
            }
            String word = m.group();
            if (!sentenceStart && Character.isUpperCase(word.charAt(0))) {
                nouns.addAll(terms(word));
            }
            sentenceStart = false;
            last = m.end();
        }
        return nouns;
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

    /**
     * Whether a compound question term ({@code hundesteuer}) appears in the passage split into its parts
     * ({@code Steuer … Hunde}): both halves (with a linking e/s/n allowed) must be there as words or word starts.
     */
    static boolean compoundParts(String query, java.util.Collection<String> terms) {
        if (query.length() < 8) {
            return false;
        }
        for (int i = 4; i <= query.length() - 4; i++) {
            String left = query.substring(0, i);
            String right = query.substring(i);
            if (hasPart(left, terms) && hasPart(right, terms)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasPart(String part, java.util.Collection<String> terms) {
        String bare = part.length() > 4 && (part.endsWith("s") || part.endsWith("e") || part.endsWith("n"))
                ? part.substring(0, part.length() - 1) : part;
        for (String t : terms) {
            if (t.length() >= 4 && (t.startsWith(bare) || bare.startsWith(t) && bare.length() - t.length() <= 2)) {
                return true;
            }
        }
        return false;
    }
}
