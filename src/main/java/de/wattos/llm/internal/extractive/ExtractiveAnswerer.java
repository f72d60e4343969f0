package de.wattos.llm.internal.extractive;

import de.wattos.llm.ModelRequest.Grounding;
import de.wattos.llm.ModelRequest.Passage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The built-in answerer used when no model is configured (or the budget is spent): it reads no prompt, only the
 * question and the numbered passages, picks the passages and sentences that share the most (weighted) terms with
 * the question and strings them together with {@code [n]} citations. It never invents text beyond a fixed lead-in.
 */
@Component
public class ExtractiveAnswerer {

    public static final String NAME = "extractive";
    public static final String NO_ANSWER = "Dazu habe ich in den vorliegenden Quellen keine Information gefunden.";
    static final String LEAD = "Laut den vorliegenden Informationen: ";

    private static final double MIN_COVERAGE = 0.3;
    private static final double MIN_WEIGHT = 0.5;
    private static final double MAX_WEIGHT = 1.5;
    private static final Pattern ASKS_AMOUNT = Pattern.compile(
            "(?i)\\b(wie\\s*(hoch|viel|teuer)|was\\s+kost|kosten|gebühr|gebuehr|preis|betrag|beitrag|steuersatz|tarif)");
    private static final Pattern ASKS_TIME = Pattern.compile(
            "(?i)\\b(wann|bis\\s+wann|ab\\s+wann|wie\\s+lange|öffnungszeit|oeffnungszeit|frist|uhrzeit|termin)");
    private static final Pattern AMOUNT = Pattern.compile("(?i)\\d[\\d.,]*-?-?\\s*(€|euro|eur\\b|prozent|%)|€\\s*\\d");
    private static final Pattern TIME = Pattern.compile(
            "(?i)\\b\\d{1,2}([.:]\\d{2})?\\s*(uhr|h\\b)|\\b\\d{1,2}\\.\\s*\\d{1,2}\\.|\\b(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|woche|wochen|monat|monaten|tag|tage|tagen)\\b");
    private static final double RELATIVE_TO_BEST = 0.75;
    private static final int MAX_PASSAGES = 2;
    private static final double HEADING_BONUS = 0.3;
    private static final int SENTENCES_PER_PASSAGE = 2;
    private static final int MAX_SENTENCE_CHARS = 400;
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…]+[\"“”»)]*\\s+");
    private static final Set<String> ABBREVIATIONS = Set.of("z", "b", "bzw", "nr", "ca", "abs", "s", "u", "a", "d",
            "h", "str", "evtl", "ggf", "inkl", "vgl", "tel", "dr", "prof", "st", "mo", "di", "mi", "do", "fr", "sa",
            "so", "jan", "feb", "febr", "aug", "sept", "okt", "nov", "dez", "usw", "etc", "geb", "gem", "art", "bzgl",
            "max", "min", "mind", "zzgl", "allg", "hr", "fa", "ff", "lt", "o", "e", "v", "i", "m", "n", "rd", "zb");

    public record Answer(String text, String finishReason, List<Integer> cited) {
        public boolean noAnswer() {
            return "no_answer".equals(finishReason);
        }
    }

    public Answer answer(Grounding grounding) {
        if (grounding == null || grounding.passages().isEmpty() || grounding.question() == null) {
            return noAnswer();
        }
        List<String> query = new ArrayList<>(new LinkedHashSet<>(GermanText.terms(grounding.question())));
        if (query.isEmpty()) {
            return noAnswer();
        }
        List<Passage> passages = grounding.passages();
        int n = passages.size();
        Set<String> nouns = GermanText.nounTerms(grounding.question());
        double[][] best = new double[query.size()][n];
        for (int p = 0; p < n; p++) {
            Passage passage = passages.get(p);
            Set<String> terms = new HashSet<>(GermanText.terms(
                    nullToEmpty(passage.title()) + " " + nullToEmpty(passage.headingPath()) + " " + nullToEmpty(passage.text())));
            for (int q = 0; q < query.size(); q++) {
                best[q][p] = bestMatch(query.get(q), terms);
            }
        }
        double[] weight = new double[query.size()];
        double totalWeight = 0;
        for (int q = 0; q < query.size(); q++) {
            int df = 0;
            for (int p = 0; p < n; p++) {
                if (best[q][p] > 0) {
                    df++;
                }
            }
            // rarer terms weigh more, within bounds: a topic word that every retrieved passage shares (the
            // retrieval found them by it) still counts, and a word that no passage has cannot outweigh the rest
            weight[q] = GermanText.ORDINALS.contains(query.get(q)) ? MIN_WEIGHT
                    : Math.clamp(Math.log(1 + (n - df + 0.5) / (df + 0.5)), MIN_WEIGHT, MAX_WEIGHT);
            totalWeight += weight[q];
        }
        // relevance: the share of the question's weight a passage covers; ranking adds a bonus for holding the kind
        // of fact asked for (an amount for "wie hoch", a time for "wann"), which tells apart passages that all
        // share the topic words
        Pattern wanted = intent(grounding.question());
        List<Scored> scored = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            double s = 0;
            for (int q = 0; q < query.size(); q++) {
                s += weight[q] * best[q][p];
            }
            boolean hasWanted = wanted != null && wanted.matcher(nullToEmpty(passages.get(p).text())).find();
            boolean nounHit = nouns.isEmpty();
            for (int q = 0; q < query.size(); q++) {
                nounHit |= nouns.contains(query.get(q)) && best[q][p] >= 0.5;
            }
            double coverage = s / totalWeight;
            // a section whose heading names what is asked ("§ 3 Beginn und Ende der Steuerpflicht") ranks first
            Set<String> heading = new HashSet<>(GermanText.terms(nullToEmpty(passages.get(p).headingPath())));
            double h = 0;
            for (int q = 0; q < query.size() && !heading.isEmpty(); q++) {
                h += weight[q] * bestMatch(query.get(q), heading);
            }
            scored.add(new Scored(p, coverage, coverage >= MIN_COVERAGE && nounHit, hasWanted,
                    coverage + HEADING_BONUS * h / totalWeight));
        }
        // a passage holding the kind of fact asked for comes first: "wie hoch" cannot be answered without an amount
        scored.sort(Comparator.comparing(Scored::eligible).thenComparing(Scored::hasWanted)
                .thenComparingDouble(Scored::rank).reversed().thenComparingInt(Scored::index));
        Scored first = scored.getFirst().eligible() ? scored.getFirst() : null;
        if (first == null) {
            return noAnswer();
        }
        StringBuilder text = new StringBuilder(LEAD);
        List<Integer> cited = new ArrayList<>();
        for (Scored candidate : scored) {
            if (cited.size() == MAX_PASSAGES) {
                break;
            }
            if (!candidate.eligible() || candidate.coverage() < first.coverage() * RELATIVE_TO_BEST
                    || (first.hasWanted() && !candidate.hasWanted())) {
                continue;
            }
            Passage passage = passages.get(candidate.index());
            List<String> sentences = bestSentences(passage.text(), query, weight, wanted);
            if (sentences.isEmpty()) {
                continue;
            }
            if (!cited.isEmpty()) {
                text.append(' ');
            }
            text.append(String.join(" ", sentences)).append(" [").append(passage.n()).append(']');
            cited.add(passage.n());
        }
        if (cited.isEmpty()) {
            return noAnswer();
        }
        return new Answer(text.toString(), "stop", List.copyOf(cited));
    }

    private static Answer noAnswer() {
        return new Answer(NO_ANSWER, "no_answer", List.of());
    }

    private record Scored(int index, double coverage, boolean eligible, boolean hasWanted, double rank) {
    }

    private static double bestMatch(String query, Set<String> terms) {
        if (terms.contains(query)) {
            return 1.0;
        }
        double best = 0;
        for (String term : terms) {
            double m = GermanText.match(query, term);
            if (m > best) {
                best = m;
            }
        }
        if (best < 0.9 && GermanText.compoundParts(query, terms)) {
            best = 0.9;
        }
        return best;
    }

    /** What kind of fact the question asks for, if it says so: an amount or a time. Null otherwise. */
    static Pattern intent(String question) {
        if (ASKS_AMOUNT.matcher(question).find()) {
            return AMOUNT;
        }
        if (ASKS_TIME.matcher(question).find()) {
            return TIME;
        }
        return null;
    }

    /**
     * The passage's best sentences for the question (at most two), in their original order. A sentence that holds
     * the kind of fact asked for (an amount for "wie hoch", a time for "wann") gets a bonus worth a strong term.
     */
    private static List<String> bestSentences(String text, List<String> query, double[] weight, Pattern wanted) {
        List<String> sentences = sentences(text);
        if (sentences.isEmpty()) {
            return List.of();
        }
        double[] score = new double[sentences.size()];
        for (int i = 0; i < sentences.size(); i++) {
            Set<String> terms = new HashSet<>(GermanText.terms(sentences.get(i)));
            for (int q = 0; q < query.size(); q++) {
                score[i] += weight[q] * bestMatch(query.get(q), terms);
            }
            if (score[i] > 0 && wanted != null && wanted.matcher(sentences.get(i)).find()) {
                score[i] += MAX_WEIGHT;
            }
            if (Character.isLowerCase(sentences.get(i).charAt(0))) {
                score[i] *= 0.5; // a list item torn from its lead-in reads as a fragment
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b));
        List<Integer> chosen = new ArrayList<>();
        for (int i : order) {
            if (chosen.size() == SENTENCES_PER_PASSAGE || (score[i] <= 0 && !chosen.isEmpty())) {
                break;
            }
            // a second sentence only if it carries at least half the evidence of the first
            if (!chosen.isEmpty() && score[i] < score[chosen.getFirst()] * 0.5) {
                break;
            }
            chosen.add(i);
        }
        chosen.sort(Integer::compare);
        List<String> out = new ArrayList<>();
        for (int i : chosen) {
            out.add(clip(sentences.get(i)));
        }
        return out;
    }

    /**
     * Splits on sentence ends (not after common abbreviations or ordinal numbers). Lines are joined into blocks
     * first (a wrapped line continues its sentence); headings, tables and quotes are left out, list markers,
     * paragraph numbers "(1)" and emphasis removed.
     */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String block : blocks(text)) {
            int start = 0;
            Matcher m = SENTENCE_END.matcher(block);
            while (m.find()) {
                int end = m.end();
                if (end >= block.length() || isAbbreviationEnd(block, m.start()) || !startsSentence(block.charAt(end))) {
                    continue;
                }
                addSentence(out, block.substring(start, end));
                start = end;
            }
            addSentence(out, block.substring(start));
        }
        return out;
    }

    private static final Pattern ITEM_START = Pattern.compile("^([-*•]|\\d+\\.|\\(\\d+[a-z]?\\)|[a-z]\\))\\s+.*");

    private static List<String> blocks(String text) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R")) {
            String stripped = line.strip();
            boolean skip = stripped.startsWith("#") || stripped.startsWith("|") || stripped.startsWith(">");
            if (stripped.isEmpty() || skip || ITEM_START.matcher(stripped).matches()) {
                flush(blocks, current);
            }
            if (stripped.isEmpty() || skip) {
                continue; // headings are in the heading path; tables and quoted notes are no answer text
            }
            if (!current.isEmpty()) {
                current.append(' ');
            }
            current.append(stripped);
        }
        flush(blocks, current);
        return blocks;
    }

    private static void flush(List<String> blocks, StringBuilder current) {
        if (current.isEmpty()) {
            return;
        }
        String raw = current.toString();
        boolean item = ITEM_START.matcher(raw).matches();
        String cleaned = raw.replaceFirst("^([-*•]|\\d+\\.|[a-z]\\))\\s+", "")
                .replaceFirst("^\\(\\d+[a-z]?\\)\\s+", "")
                .replaceAll("(?<!\\w)[*_]{1,2}|[*_]{1,2}(?!\\w)", "")
                .replaceAll("\\s+", " ").strip();
        current.setLength(0);
        if (cleaned.isEmpty()) {
            return;
        }
        // items of a list introduced with ':' complete that sentence ("beträgt: für den ersten Hund 120 Euro; …")
        if (item && !blocks.isEmpty()) {
            String previous = blocks.getLast();
            if (previous.endsWith(":") || previous.endsWith(";") && previous.contains(":")) {
                String joined = previous + " " + cleaned.replaceFirst("[.;,]$", "");
                blocks.set(blocks.size() - 1, cleaned.matches(".*[.]$") ? joined + "." : joined + ";");
                return;
            }
        }
        blocks.add(cleaned);
    }

    private static void addSentence(List<String> out, String sentence) {
        String s = sentence.strip().replaceFirst("^\\(\\d+[a-z]?\\)\\s+", "");
        if (s.length() >= 3 && s.chars().anyMatch(Character::isLetter)) {
            out.add(s);
        }
    }

    private static boolean startsSentence(char c) {
        return Character.isUpperCase(c) || Character.isDigit(c) || c == '„' || c == '"' || c == '»' || c == '(';
    }

    private static boolean isAbbreviationEnd(String text, int dot) {
        if (text.charAt(dot) != '.') {
            return false;
        }
        int i = dot - 1;
        while (i >= 0 && Character.isLetterOrDigit(text.charAt(i))) {
            i--;
        }
        String word = text.substring(i + 1, dot);
        if (word.isEmpty()) {
            return false;
        }
        if (word.chars().allMatch(Character::isDigit)) {
            return word.length() <= 2; // "1. Januar", "§ 3. Abs" — ordinals, not sentence ends
        }
        return ABBREVIATIONS.contains(GermanText.fold(word));
    }

    private static String clip(String sentence) {
        if (sentence.length() <= MAX_SENTENCE_CHARS) {
            return sentence;
        }
        int cut = sentence.lastIndexOf(' ', MAX_SENTENCE_CHARS);
        return sentence.substring(0, cut > MAX_SENTENCE_CHARS / 2 ? cut : MAX_SENTENCE_CHARS) + " …";
    }

    /** Word-sized deltas (each word with its following whitespace), as a model would stream them. */
    public static List<String> deltas(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\S+\\s*").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
