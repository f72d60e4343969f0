package de.wattos.platform.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a question is about and what it asks: its topic terms (nouns and compounds weigh most, other content words
 * less, filler such as "Daten", "stammen", "gibt es" nothing) and the asked {@link Attribute}. Personal data in the
 * question never counts as content. Also tells whether the question depends on an earlier turn.
 *
 * @param question  the question with personal data cut out
 * @param topic     topic terms (folded, stemmed) with their weight: 1 for nouns, 0.5 for other content words
 * @param attributes what is asked about the topic, in the order the question asks it (one or more; NONE if nothing)
 * @param dependent true if the question cannot stand alone (pronouns, ellipsis, "und …?", no topic of its own)
 */
public record QuestionFocus(String question, Map<String, Double> topic, List<Attribute> attributes, boolean dependent) {

    public static final double NOUN = 1.0;
    public static final double OTHER = 0.5;
    /** Ordinals pick the right sentence ("den zweiten Hund") but must not decide whether a text is about the topic. */
    public static final double SELECTOR = 0.2;
    private static final Set<String> ORDINALS = Set.of("erst", "erste", "ersten", "zweit", "zweite", "zweiten", "dritt",
            "dritte", "dritten", "viert", "vierte", "weiter", "weitere", "weiteren", "letzt", "letzte", "naechst", "naechste",
            "first", "second", "third", "next", "last");

    /** Tried in this order; the attribute asked first in the question wins. */
    private static final List<Attribute> DETECTED = List.of(Attribute.PROCEDURE, Attribute.SOURCE, Attribute.AGE,
            Attribute.DURATION, Attribute.FREQUENCY, Attribute.MEASURE, Attribute.UNIT, Attribute.DATE,
            Attribute.AMOUNT, Attribute.COUNT, Attribute.CONTACT, Attribute.PLACE, Attribute.DEFINITION);

    private static final Pattern W_WORD = Pattern.compile("(?iu)\\b(wer|wen|wem|wessen|was|wann|wo|woher|wohin|wie|warum|wieso|"
            + "weshalb|welche[rsnm]?|womit|wofür|wozu|worauf|woran|who|what|when|where|why|how|which)\\b");
    private static final Set<String> VERB_FIRST = Set.of("gibt", "gibts", "muss", "muessen", "darf", "duerfen", "kann",
            "koennen", "ist", "sind", "hat", "haben", "wird", "werden", "soll", "sollen", "besteht", "bekomme", "bekommt",
            "brauche", "braucht", "benoetige", "gilt", "gelten", "habe", "bin", "faellt", "fallen", "zahlt", "zahle",
            "existiert", "do", "does", "is", "are", "can", "must", "may", "will", "should", "has", "have");
    private static final Set<String> KIND_OR_SOURCE = Set.of("welche", "welcher", "welches", "welchen", "welchem",
            "laut", "gemaess", "which", "what");
    private static final Set<String> CONJUNCTION_START = Set.of("und", "and", "also", "aber", "sowie", "oder", "or");
    private static final Set<String> ANAPHORA = Set.of("dafuer", "dazu", "davon", "damit", "darueber", "dort", "dabei",
            "hierfuer", "hierzu", "darauf", "daran", "dorthin", "er", "ihn", "ihm", "it", "this", "that", "there",
            "them", "they", "dasselbe", "derselbe", "dieselbe", "ebenfalls");

    /** Words that frame a question without saying what it is about (folded, as written and as stemmed). */
    private static final Set<String> FILLER = stems("daten", "zahl", "zahlen", "information", "informationen", "info",
            "infos", "angaben", "stammen", "stammt", "kommen", "kommt", "liefert", "liefern", "stellt", "bereit",
            "erhoben", "erhebt", "erfasst", "gemessen", "bewertet", "betrachtet", "bekomme", "erhalte", "finde",
            "weiss", "wissen", "suche", "brauche", "moechte", "heisst", "bedeutet", "bedeuten", "regelt", "steht",
            "sagt", "sagen", "nennen", "erklaeren", "genau", "aktuell", "derzeit", "zurzeit", "gerade", "frage",
            "fragen", "hilfe", "helfen", "moeglich", "oft", "lange", "hoch", "teuer", "kostet", "angegeben",
            "gezaehlt", "zustaendig", "wende", "wenden", "laut", "eigentlich", "irgendwo", "jemand", "etwa",
            "stimmt", "richtig", "vorliegen", "liegen", "vorhanden", "noch", "schon", "mehr", "neue", "neuen", "andere",
            "anderen", "morgens", "abends", "zusammenhang", "bezug", "thema", "data", "information", "get", "find", "know", "tell", "mean", "means");

    /**
     * Cue words that also say what the question is about: "anmelden" asks for a procedure but also names the act
     * an answer speaks of, "dauert" the predicate of the answering sentence ("Das Amt dauert fünf Jahre").
     */
    private static final Set<String> CONTENT_CUES = stems("anmelden", "ummelden", "abmelden", "beantragen", "dauert",
            "dauer");

    public QuestionFocus {
        topic = Map.copyOf(topic);
        attributes = attributes.isEmpty() ? List.of(Attribute.NONE) : List.copyOf(attributes);
    }

    /** The first thing asked. */
    public Attribute attribute() {
        return attributes.getFirst();
    }

    public static QuestionFocus of(String rawQuestion) {
        String question = PersonalData.redact(rawQuestion == null ? "" : rawQuestion).strip();
        String folded = GermanText.fold(question);
        List<Attribute> attributes = attributes(question, folded);
        StringBuilder cueText = new StringBuilder();
        for (Attribute a : attributes) {
            cueText.append(a.cueWords(folded)).append(' ');
        }
        String cues = cueText.toString();
        Set<String> cueTerms = Set.copyOf(GermanText.terms(cues));
        Map<String, Double> topic = new LinkedHashMap<>();
        List<String> words = GermanText.words(question);
        boolean lowerCaseQuestion = question.chars().filter(Character::isUpperCase).count() <= 1;
        boolean sentenceStart = true;
        int position = 0;
        String previous = "";
        Matcher m = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}]*(?:-[\\p{L}\\p{N}]+)*|[.!?:;]").matcher(question);
        while (m.find()) {
            String word = m.group();
            if (word.matches("[.!?:;]")) {
                sentenceStart = true;
                continue;
            }
            boolean capital = Character.isUpperCase(word.charAt(0));
            boolean noun = lowerCaseQuestion ? word.length() >= 5 : capital && !sentenceStart
                    || capital && sentenceStart && !W_WORD.matcher(word).matches() && !VERB_FIRST.contains(GermanText.fold(word))
                    && !GermanText.isStopWord(word);
            sentenceStart = false;
            position++;
            // "Welche Farben …": the noun after "welche" names the kind of answer, not the topic; "laut Grundgesetz":
            // the noun after "laut" names where it is written
            boolean kindOrSource = KIND_OR_SOURCE.contains(GermanText.fold(previous));
            previous = word;
            for (String term : GermanText.terms(word)) {
                if (cueTerms.contains(term) && !CONTENT_CUES.contains(term) || FILLER.contains(term) || term.length() < 2) {
                    continue;
                }
                double weight = ORDINALS.contains(term) ? SELECTOR
                        : (noun || Character.isDigit(term.charAt(0))) && !kindOrSource ? NOUN : OTHER;
                topic.merge(term, weight, Math::max);
            }
        }
        boolean dependent = dependent(words, topic);
        return new QuestionFocus(question, topic, attributes, dependent);
    }

    private static List<Attribute> attributes(String question, String folded) {
        List<String> words = GermanText.words(folded);
        if (!words.isEmpty() && VERB_FIRST.contains(words.getFirst()) && !W_WORD.matcher(question).find()) {
            return List.of(Attribute.YES_NO);
        }
        // every attribute asked, by where the question first asks it ("Was bedeutet SDG und wie viele Ziele …")
        Map<Integer, Attribute> byPosition = new java.util.TreeMap<>();
        for (Attribute a : DETECTED) {
            int at = a.firstCueAt(folded);
            if (at >= 0) {
                byPosition.putIfAbsent(at, a);
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(byPosition.values()));
    }

    private static boolean dependent(List<String> words, Map<String, Double> topic) {
        if (words.isEmpty()) {
            return false;
        }
        long nouns = topic.values().stream().filter(w -> w >= NOUN).count();
        if (nouns == 0) {
            return true;
        }
        String first = GermanText.fold(words.getFirst());
        boolean anaphor = words.stream().map(GermanText::fold).anyMatch(ANAPHORA::contains);
        return nouns <= 1 && (CONJUNCTION_START.contains(first) || anaphor);
    }

    /**
     * True if the text names another ordinal than the question for the same thing ("zweiten Hund" when the first
     * was asked about): it is about a different case of the same topic. Ordinals are paired with the noun they
     * qualify, so "wie für den ersten Kampfhund" does not make a sentence about the second dog an answer about the
     * first; an ordinal whose noun the question does not name is ignored.
     */
    public boolean ordinalConflict(String text) {
        Map<String, String> asked = ordinalNouns(question);
        if (asked.isEmpty()) {
            return false;
        }
        boolean other = false;
        for (Map.Entry<String, String> said : ordinalPairs(text)) {
            String noun = said.getValue();
            boolean sameThing = noun == null || asked.containsValue(noun) || asked.containsValue(null);
            if (!sameThing) {
                continue;
            }
            if (asked.containsKey(said.getKey())) {
                return false;
            }
            other = true;
        }
        return other;
    }

    private static Map<String, String> ordinalNouns(String text) {
        Map<String, String> out = new java.util.HashMap<>();
        for (Map.Entry<String, String> pair : ordinalPairs(text)) {
            out.putIfAbsent(pair.getKey(), pair.getValue());
        }
        return out;
    }

    /** Each ordinal of the text with the folded noun it qualifies (the next capitalised word within five), or null. */
    private static List<Map.Entry<String, String>> ordinalPairs(String text) {
        List<String> words = GermanText.words(text);
        List<Map.Entry<String, String>> out = new java.util.ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String t = GermanText.term(words.get(i));
            if (t == null || !ORDINALS.contains(t)) {
                continue;
            }
            String noun = null;
            for (int j = i + 1; j < Math.min(words.size(), i + 6); j++) {
                String w = words.get(j);
                if (!w.isEmpty() && Character.isUpperCase(w.charAt(0))) {
                    noun = GermanText.fold(w);
                    break;
                }
            }
            out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(t, noun));
        }
        return out;
    }

    /** The topic terms, heaviest first. */
    public List<String> topicTerms() {
        return topic.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
    }

    /** The nouns of the topic as terms (for carrying a topic into a follow-up). */
    public List<String> nounTerms() {
        return topic.entrySet().stream().filter(e -> e.getValue() >= NOUN).map(Map.Entry::getKey).toList();
    }

    public boolean hasTopic() {
        return !topic.isEmpty();
    }

    /** The nouns of the question as written (for a condensed query), in order. */
    public List<String> nounWords() {
        List<String> out = new ArrayList<>();
        for (String w : GermanText.words(question)) {
            String t = GermanText.term(w);
            if (t != null && topic.getOrDefault(t, 0.0) >= NOUN && !out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    private static Set<String> stems(String... words) {
        return java.util.Arrays.stream(words).flatMap(w -> java.util.stream.Stream.of(w, GermanText.stem(w)))
                .map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
