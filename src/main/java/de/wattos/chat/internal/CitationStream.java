package de.wattos.chat.internal;

import de.wattos.chat.Chat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks and renumbers the citations of an answer while it streams. Markers ({@code [2]}, {@code [1, 3]},
 * {@code [Quelle 2]}) naming a source that does not exist are dropped; the others are renumbered 1..n in the order
 * the answer first uses them, and sources from the same document and section share one number. Nothing is let
 * through until the answer has cited an existing source, so an answer that cites nothing can still be replaced by
 * the honest no-answer. Not thread-safe: the caller serialises deltas.
 */
final class CitationStream {

    private static final Pattern MARKER = Pattern.compile("\\[(?:Quelle\\s*|Source\\s*)?(\\d{1,3}(?:\\s*[,;]\\s*\\d{1,3})*)\\]",
            Pattern.CASE_INSENSITIVE);
    /** An opening bracket this far from its end without a closing one is text, not a marker. */
    private static final int MAX_MARKER = 24;

    private record Key(Object document, String section) {
    }

    private final Map<Integer, Source> byN = new LinkedHashMap<>();
    private final Map<Key, Integer> numbers = new LinkedHashMap<>();
    private final List<Chat.Citation> citations = new ArrayList<>();
    private final StringBuilder pending = new StringBuilder();
    /** Checked text held back because no existing source has been cited yet. */
    private final StringBuilder held = new StringBuilder();
    private boolean released;
    private boolean received;

    CitationStream(List<Source> sources) {
        for (Source s : sources) {
            byN.putIfAbsent(s.n(), s);
        }
    }

    /** Takes the next raw delta; returns what may be shown now (possibly empty). */
    String accept(String delta) {
        received |= !delta.isEmpty();
        pending.append(delta);
        int cut = safeEnd(pending);
        if (cut > 0) {
            held.append(renumber(pending.substring(0, cut)));
            pending.delete(0, cut);
        }
        if (citations.isEmpty()) {
            return ""; // not grounded yet: the whole answer may still turn out to be a no-answer
        }
        released = true;
        String ready = held.toString();
        held.setLength(0);
        return ready;
    }

    /** The end of the stream: the rest, or null if the answer cited no existing source (it is not grounded). */
    String finish() {
        String rest = held + renumber(pending.toString());
        pending.setLength(0);
        held.setLength(0);
        if (citations.isEmpty()) {
            return null;
        }
        released = true;
        return rest;
    }

    boolean released() {
        return released;
    }

    /** True once any model text has come in (shown or held back). */
    boolean received() {
        return received;
    }

    /** The citations in the order of their new numbers. */
    List<Chat.Citation> citations() {
        return List.copyOf(citations);
    }

    /** Up to where the text can be passed on: before an unfinished marker. */
    private static int safeEnd(StringBuilder text) {
        int open = text.lastIndexOf("[");
        if (open >= 0 && text.indexOf("]", open) < 0 && text.length() - open < MAX_MARKER) {
            while (open > 0 && text.charAt(open - 1) == ' ') {
                open--;
            }
            return open;
        }
        // trailing blanks wait for what follows: a dropped marker must not leave "Text ." behind
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return end;
    }

    private String renumber(String text) {
        Matcher m = MARKER.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean dropped = false;
        while (m.find()) {
            List<Integer> kept = new ArrayList<>();
            for (String part : m.group(1).split("[,;]")) {
                Source s = byN.get(Integer.parseInt(part.strip()));
                if (s != null) {
                    int n = number(s);
                    if (!kept.contains(n)) {
                        kept.add(n);
                    }
                }
            }
            String replacement = kept.isEmpty() ? "" : "[" + String.join(", ", kept.stream().map(String::valueOf).toList()) + "]";
            dropped |= kept.isEmpty();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        String result = out.toString();
        return dropped ? result.replaceAll(" +([.,;:!?])", "$1") : result;
    }

    private int number(Source s) {
        Object page = s.hit().documentId() != null ? s.hit().documentId()
                : s.hit().url() != null || s.origin() == null ? s.hit().url() : s.origin() + ":" + s.hit().title();
        Key key = new Key(page,
                Objects.requireNonNullElse(s.hit().headingPath(), ""));
        Integer n = numbers.get(key);
        if (n == null) {
            n = numbers.size() + 1;
            numbers.put(key, n);
            Chat.Citation c = s.citation();
            citations.add(new Chat.Citation(n, c.title(), c.url(), c.headingPath(), c.page(), c.snippet(), c.documentId(),
                    c.chunkId(), c.curated(), c.origin()));
        }
        return n;
    }
}
