package de.wattos.platform.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lexical German for matching without a model: case and umlaut folding ({@code Gebühr} = {@code gebuehr}), one
 * stop list (German and English function words), one light suffix stemmer and compound-part matching
 * ({@code Hundesteuer} ~ {@code Steuer}, {@code Hund}). The search index keeps its own Lucene analysis; everything
 * that judges text against a question uses this.
 */
public final class GermanText {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}]*(?:-[\\p{L}\\p{N}]+)*");

    /** Function words of German and English, folded. They never carry what a question is about. */
    static final Set<String> STOP = Set.copyOf(List.of(
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen", "kein", "keine",
            "keinen", "keinem", "keiner", "und", "oder", "aber", "als", "am", "an", "auf", "aus", "bei", "beim", "bin",
            "bis", "bist", "da", "damit", "dann", "dass", "dass", "denn", "doch", "du", "durch", "er", "es", "fuer",
            "hat", "hast", "habe", "haben", "hatte", "hier", "ich", "ihr", "ihre", "ihren", "ihrem", "ihrer", "im", "in",
            "ins", "ist", "ja", "kann", "kannst", "koennen", "koennte", "man", "mein", "meine", "meinen", "meinem",
            "meiner", "mich", "mir", "mit", "muss", "muessen", "nach", "nicht", "noch", "nur", "ob", "sein", "seine",
            "seinen", "sich", "sie", "sind", "so", "soll", "sollen", "sollte", "ueber", "um", "uns", "unser", "unsere",
            "unter", "vom", "von", "vor", "war", "waren", "was", "wann", "warum", "welche", "welcher", "welches",
            "welchen", "welchem", "wenn", "wer", "wen", "wem", "werden", "wie", "wieso", "weshalb", "wird", "wo",
            "woher", "wohin", "womit", "wofuer", "wozu", "worauf", "woran", "wir", "zu", "zum", "zur", "bitte", "mal",
            "etwas", "alle", "allen", "auch", "sehr", "wurde", "wurden", "dort", "dies", "diese", "dieser", "dieses",
            "diesen", "diesem", "jene", "jeder", "jede", "jeden", "jedes", "euch", "ihnen", "ihm", "ihn", "dein",
            "deine", "darf", "duerfen", "will", "wollen", "moechte", "moechten", "gibt", "geben", "gib", "gilt",
            "gelten", "viel", "viele", "vielen", "wieviel", "wieviele", "mehr", "schon", "also", "denn", "nein",
            "seit", "gegen", "ohne", "zwischen", "waehrend", "wegen", "eigentlich", "genau", "gerne", "gern", "danke",
            "hallo", "dafuer", "dazu", "davon", "darueber", "darauf", "daran", "dabei", "dadurch", "hierzu", "hierfuer",
            "sowie", "bzw", "usw", "etc", "ca", "ab", "sonst", "ausserdem", "jetzt", "heute", "immer", "wieder", "ganz",
            "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from", "is", "are", "was",
            "were", "be", "been", "it", "its", "this", "that", "these", "those", "what", "how", "when", "where", "who",
            "whom", "why", "which", "do", "does", "did", "can", "could", "i", "you", "we", "they", "he", "she", "my",
            "your", "our", "their", "there", "please", "any", "some", "have", "has", "had", "will", "would", "should",
            "not", "no", "yes", "as", "if", "so", "than", "then", "also", "about", "into", "much", "many"));

    /** Abbreviations of legal texts and their long forms, so "Art 1" answers "Artikel 1". */
    private static final Map<String, String> ALIASES = Map.of("art", "artikel", "abs", "absatz", "ziff", "ziffer",
            "paragraph", "paragraf", "paragraphen", "paragraf", "paragrafen", "paragraf", "nr", "nummer");

    private static final String[] SUFFIXES = {"ern", "em", "en", "er", "es", "et", "st", "e", "n", "s", "t"};

    private GermanText() {
    }

    /** Lower case, umlauts to ae/oe/ue, ß to ss, other accents dropped. */
    public static String fold(String text) {
        String lower = text.toLowerCase(Locale.GERMAN)
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
        return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    /** The words of a text as written (case kept), hyphenated compounds as one word. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text == null ? "" : text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    public static boolean isStopWord(String word) {
        return STOP.contains(fold(word));
    }

    /**
     * Content terms: folded, split at hyphens and non-letters, stop words removed, aliases expanded, stemmed.
     * Numbers are kept (fees, years, paragraph numbers).
     */
    public static List<String> terms(String text) {
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

    /** The term of one word (folded, stemmed), or null for a stop word. */
    public static String term(String word) {
        List<String> t = terms(word.replace("-", ""));
        return t.isEmpty() ? null : t.getFirst();
    }

    /** A light German stemmer: strips one common inflection ending, keeping at least four letters. */
    public static String stem(String folded) {
        if (folded.length() <= 4 || Character.isDigit(folded.charAt(0))) {
            return folded;
        }
        for (String suffix : SUFFIXES) {
            if (folded.endsWith(suffix) && folded.length() - suffix.length() >= 4) {
                return folded.substring(0, folded.length() - suffix.length());
            }
        }
        return folded;
    }

    /**
     * How well a question term matches a text term: 1 for the same stem. When the question's word is part of the
     * text's compound, 0.8 at its end (the head of a German compound: "steuer" in "hundesteuer"), 0.7 at its start,
     * 0.5 inside. When the text's word is only part of the question's compound, the text is less specific: 0.6 for
     * its head, 0.4 for its first part ("bund" for "bundesflagge"). Short parts count less or not at all.
     */
    public static double match(String query, String term) {
        if (query.equals(term)) {
            return 1.0;
        }
        if (sameVerb(query, term) || sameVerb(term, query) || synonyms(query, term)) {
            return 0.9;
        }
        boolean queryShorter = query.length() <= term.length();
        String shorter = queryShorter ? query : term;
        String longer = queryShorter ? term : query;
        if (shorter.length() < 4 || Character.isDigit(shorter.charAt(0))) {
            return 0;
        }
        // a short word at the end of a compound is often just a word ending ("meist" in "Oberbürgermeister")
        if (longer.endsWith(shorter) && shorter.length() >= 6) {
            return queryShorter ? 0.8 : 0.6;
        }
        if (longer.startsWith(shorter)) {
            return queryShorter ? 0.7 : shorter.length() >= 5 ? 0.4 : 0;
        }
        return queryShorter && shorter.length() >= 6 && longer.contains(shorter) ? 0.5 : 0;
    }

    /** The best {@link #match} of a question term among text terms, compounds split over several words included. */
    public static double bestMatch(String query, Collection<String> terms) {
        if (terms.contains(query)) {
            return 1.0;
        }
        double best = 0;
        for (String term : terms) {
            double m = match(query, term);
            if (m > best) {
                best = m;
                if (best >= 0.8) {
                    break;
                }
            }
        }
        if (best < 0.9 && compoundParts(query, terms)) {
            best = 0.9;
        }
        if (best < 0.75 && query.length() >= 10) {
            // the same compound with another first part ("Anwohnerparkausweis" ~ "Bewohnerparkausweis"): most of
            // the word is a shared head; a short shared head ("Hundesteuer" ~ "Grundsteuer") is another thing
            for (String term : terms) {
                if (commonSuffix(query, term) >= Math.max(6, 0.7 * query.length())) {
                    return 0.75;
                }
            }
        }
        return best;
    }

    /**
     * Whether {@code form} is a participle or zu-infinitive of the verb whose stem is {@code stem}: "geraeumt" of
     * "raeum", "anzuzeig" of "anzeig", "angezeigt" of "anzeig" (German bylaws say "geräumt sein", citizens "räumen").
     */
    static boolean sameVerb(String stem, String form) {
        if (stem.length() < 4 || form.length() <= stem.length()) {
            return false;
        }
        if (form.startsWith("ge")) {
            // the stemmer has usually taken the participle's "-t" already ("geraeumt" → "geraeum")
            String inner = form.substring(2);
            if (inner.equals(stem) || inner.equals(stem + "t") || inner.equals(stem + "en")) {
                return true;
            }
        }
        for (int i = 2; i <= 4 && i + 2 <= form.length(); i++) {
            String infix = form.substring(i, i + 2);
            if ((infix.equals("zu") || infix.equals("ge")) && stem.startsWith(form.substring(0, i))) {
                String rest = form.substring(0, i) + form.substring(i + 2);
                String restStem = rest.endsWith("t") ? rest.substring(0, rest.length() - 1) : rest;
                if (rest.equals(stem) || restStem.equals(stem)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Words citizens use for what administrative texts say otherwise, as stems: a citizen "meldet an" what a bylaw
     * requires to be "angezeigt", "bezahlt" what is to be "entrichtet".
     */
    private static final Map<String, Set<String>> SYNONYMS = Map.of(
            "anmeld", Set.of("anzeig", "anzuzeig", "angezeig", "meld"),
            "meld", Set.of("anzeig", "anzuzeig", "angezeig"),
            "bezahl", Set.of("entricht", "zahl", "zahlbar", "faellig"),
            "zahl", Set.of("entricht", "zahlbar"),
            "abmeld", Set.of("anzeig", "anzuzeig", "abgemeld"));

    private static boolean synonyms(String query, String term) {
        Set<String> of = SYNONYMS.get(query);
        return of != null && of.contains(term);
    }

    private static int commonSuffix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(a.length() - 1 - n) == b.charAt(b.length() - 1 - n)) {
            n++;
        }
        return n;
    }

    /**
     * Whether a compound question term ({@code hundesteuer}) appears split into its parts ({@code Steuer … Hunde}):
     * both halves (a linking e/s/n allowed) must be there as words or word starts.
     */
    public static boolean compoundParts(String query, Collection<String> terms) {
        if (query.length() < 8) {
            return false;
        }
        for (int i = 4; i <= query.length() - 4; i++) {
            if (hasPart(query.substring(0, i), terms) && hasPart(query.substring(i), terms)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasPart(String part, Collection<String> terms) {
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
