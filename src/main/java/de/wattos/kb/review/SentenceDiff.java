package de.wattos.kb.review;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Old and new text side by side, sentence by sentence, with the sentences that are not in the other text marked:
 * a reviewer reads whole sentences, so a longest common subsequence over sentences (not characters) is what shows
 * what changed. Very long texts fall back to marking every sentence whose exact text the other side lacks.
 */
public final class SentenceDiff {

    /** One sentence of one side; {@code changed}: removed (old side) or added (new side). */
    public record Sentence(String text, boolean changed) {
    }

    public record Result(List<Sentence> oldSide, List<Sentence> newSide, int removed, int added) {
    }

    private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…:])\\s+(?=[\\p{Lu}\\p{N}„\"»(])");
    private static final int MAX_CELLS = 4_000_000;

    private SentenceDiff() {
    }

    public static Result between(String oldText, String newText) {
        List<String> a = sentences(oldText);
        List<String> b = sentences(newText);
        boolean[] keptA = new boolean[a.size()];
        boolean[] keptB = new boolean[b.size()];
        if ((long) a.size() * b.size() <= MAX_CELLS) {
            commonSubsequence(a, b, keptA, keptB);
        } else {
            var inB = new java.util.HashSet<>(b.stream().map(SentenceDiff::key).toList());
            var inA = new java.util.HashSet<>(a.stream().map(SentenceDiff::key).toList());
            for (int i = 0; i < a.size(); i++) {
                keptA[i] = inB.contains(key(a.get(i)));
            }
            for (int j = 0; j < b.size(); j++) {
                keptB[j] = inA.contains(key(b.get(j)));
            }
        }
        List<Sentence> oldSide = new ArrayList<>(a.size());
        List<Sentence> newSide = new ArrayList<>(b.size());
        int removed = 0;
        int added = 0;
        for (int i = 0; i < a.size(); i++) {
            oldSide.add(new Sentence(a.get(i), !keptA[i]));
            removed += keptA[i] ? 0 : 1;
        }
        for (int j = 0; j < b.size(); j++) {
            newSide.add(new Sentence(b.get(j), !keptB[j]));
            added += keptB[j] ? 0 : 1;
        }
        return new Result(oldSide, newSide, removed, added);
    }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String paragraph : PARAGRAPHS.split(text.strip())) {
            for (String s : SENTENCE_END.split(paragraph)) {
                String t = s.strip();
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static void commonSubsequence(List<String> a, List<String> b, boolean[] keptA, boolean[] keptB) {
        int n = a.size();
        int m = b.size();
        String[] ka = a.stream().map(SentenceDiff::key).toArray(String[]::new);
        String[] kb = b.stream().map(SentenceDiff::key).toArray(String[]::new);
        int[][] lengths = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lengths[i][j] = ka[i].equals(kb[j]) ? lengths[i + 1][j + 1] + 1
                        : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (ka[i].equals(kb[j])) {
                keptA[i++] = true;
                keptB[j++] = true;
            } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
    }

    /** Whitespace does not make a sentence different. */
    private static String key(String sentence) {
        return sentence.replaceAll("\\s+", " ");
    }
}
