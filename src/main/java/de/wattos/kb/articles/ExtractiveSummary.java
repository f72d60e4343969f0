package de.wattos.kb.articles;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A summary made of the document's own sentences, for tenants without a summary service or model (and when those
 * fail): the sentences that share the most analysed terms with the rest of the document (its central statements),
 * earlier ones preferred a little, near-repeats left out, at most half of them and {@value #MAX_SENTENCES}, in
 * reading order. It never writes a word the document does not contain. Linear in the text (the input is capped), no regular expressions.
 */
final class ExtractiveSummary {

    static final int MAX_INPUT_CHARS = 200_000;
    static final int MAX_SENTENCES = 5;
    static final int MAX_CHARS = 1_200;
    private static final int MAX_CANDIDATES = 1_500;
    private static final int MIN_SENTENCE_CHARS = 40;
    private static final int MAX_SENTENCE_CHARS = 500;

    private record Sentence(int position, String text, Set<String> terms) {
    }

    private ExtractiveSummary() {
    }

    /** {@code terms}: the search index's analysis (lower case, stemmed, compounds split). */
    static String of(String text, Function<String, List<String>> terms) {
        String input = text.length() > MAX_INPUT_CHARS ? text.substring(0, MAX_INPUT_CHARS) : text;
        List<Sentence> candidates = new ArrayList<>();
        BreakIterator breaks = BreakIterator.getSentenceInstance(Locale.GERMAN);
        for (String paragraph : paragraphs(input)) {
            breaks.setText(paragraph);
            int start = breaks.first();
            for (int end = breaks.next(); end != BreakIterator.DONE && candidates.size() < MAX_CANDIDATES;
                    start = end, end = breaks.next()) {
                String sentence = paragraph.substring(start, end).strip();
                if (usable(sentence)) {
                    Set<String> analysed = new HashSet<>(terms.apply(sentence));
                    if (analysed.size() >= 4) {
                        candidates.add(new Sentence(candidates.size(), sentence, analysed));
                    }
                }
            }
        }
        if (candidates.isEmpty()) {
            return lead(input);
        }
        Map<String, Integer> spread = new HashMap<>();
        for (Sentence s : candidates) {
            s.terms().forEach(t -> spread.merge(t, 1, Integer::sum));
        }
        int n = candidates.size();
        Map<Sentence, Double> score = new HashMap<>();
        for (Sentence s : candidates) {
            double shared = 0;
            for (String t : s.terms()) {
                int in = spread.get(t);
                if (in > 1 && in < Math.max(3, n * 0.8)) { // terms of one sentence only, or of nearly all, tell nothing
                    shared += Math.log(in);
                }
            }
            double centrality = shared / Math.sqrt(s.terms().size());
            score.put(s, centrality * (1 + 0.3 * (1 - (double) s.position() / n)));
        }
        List<Sentence> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingDouble((Sentence s) -> score.get(s)).reversed()
                .thenComparingInt(Sentence::position));
        List<Sentence> chosen = new ArrayList<>();
        int chars = 0;
        int most = Math.min(MAX_SENTENCES, Math.max(2, (n + 1) / 2)); // a summary, not the document again
        for (Sentence s : ranked) {
            if (chosen.size() == most) {
                break;
            }
            if (chars + s.text().length() > MAX_CHARS && !chosen.isEmpty()) {
                continue;
            }
            if (chosen.stream().anyMatch(c -> overlap(c.terms(), s.terms()) > 0.6)) {
                continue;
            }
            chosen.add(s);
            chars += s.text().length() + 1;
        }
        chosen.sort(Comparator.comparingInt(Sentence::position));
        StringBuilder out = new StringBuilder();
        for (Sentence s : chosen) {
            out.append(out.isEmpty() ? "" : " ").append(s.text());
        }
        return out.toString();
    }

    /** Paragraphs with their inner line breaks and runs of white space made single spaces. */
    private static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int newlines = 0;
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                newlines++;
                space = true;
            } else if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                space = true;
            } else {
                if (newlines >= 2 && !current.isEmpty()) {
                    out.add(current.toString());
                    current.setLength(0);
                } else if (space && !current.isEmpty()) {
                    current.append(' ');
                }
                current.append(c);
                newlines = 0;
                space = false;
            }
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }

    /** A statement, not a heading, a menu line or a table row: long enough, words, ends like a sentence. */
    private static boolean usable(String s) {
        if (s.length() < MIN_SENTENCE_CHARS || s.length() > MAX_SENTENCE_CHARS) {
            return false;
        }
        char last = s.charAt(s.length() - 1);
        if (last != '.' && last != '!' && last != '?' && last != ':' && last != '“' && last != '"' && last != ')') {
            return false;
        }
        int letters = 0;
        int words = 1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
            } else if (c == ' ') {
                words++;
            }
        }
        return words >= 6 && letters >= s.length() / 2;
    }

    private static double overlap(Set<String> a, Set<String> b) {
        int shared = 0;
        for (String t : a) {
            if (b.contains(t)) {
                shared++;
            }
        }
        return (double) shared / Math.max(1, Math.min(a.size(), b.size()));
    }

    /** No sentence to choose: the beginning of the text, cut at a sentence or word end. */
    private static String lead(String text) {
        String flat = String.join(" ", paragraphs(text));
        if (flat.length() <= 600) {
            return flat;
        }
        int end = flat.lastIndexOf(". ", 600);
        if (end < 200) {
            end = flat.lastIndexOf(' ', 600);
            return flat.substring(0, end < 200 ? 600 : end) + " …";
        }
        return flat.substring(0, end + 1);
    }
}
