package de.wattos.chat.internal;

import de.wattos.chat.Chat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Maps the {@code [n]} markers of an answer to citations. Sources the answer does not cite are dropped; numbers are
 * kept as in the prompt (no renumbering), so the streamed text and the citation list always agree. Markers naming a
 * source that does not exist are removed from the stored text.
 */
final class CitationMapper {

    /** {@code [1]}, {@code [1, 3]}, {@code [1][2]} (each bracket matched on its own), also {@code [Quelle 2]}. */
    private static final Pattern MARKER = Pattern.compile("\\[(?:Quelle\\s*|Source\\s*)?(\\d{1,3}(?:\\s*[,;]\\s*\\d{1,3})*)\\]",
            Pattern.CASE_INSENSITIVE);

    private CitationMapper() {
    }

    static TreeSet<Integer> citedNumbers(String text) {
        TreeSet<Integer> out = new TreeSet<>();
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            for (String part : m.group(1).split("[,;]")) {
                out.add(Integer.parseInt(part.strip()));
            }
        }
        return out;
    }

    static List<Chat.Citation> citations(String text, List<Source> sources) {
        Map<Integer, Source> byN = sources.stream().collect(Collectors.toMap(Source::n, Function.identity(), (a, b) -> a));
        List<Chat.Citation> out = new ArrayList<>();
        for (int n : citedNumbers(text)) {
            Source s = byN.get(n);
            if (s != null) {
                out.add(s.citation());
            }
        }
        return out;
    }

    /** Removes markers (or the numbers inside a marker) that name no source. */
    static String withoutUnknownMarkers(String text, List<Source> sources) {
        var known = sources.stream().map(Source::n).collect(Collectors.toSet());
        Matcher m = MARKER.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        while (m.find()) {
            List<String> keep = new ArrayList<>();
            for (String part : m.group(1).split("[,;]")) {
                if (known.contains(Integer.parseInt(part.strip()))) {
                    keep.add(part.strip());
                }
            }
            int total = m.group(1).split("[,;]").length;
            String replacement = keep.size() == total ? m.group() : keep.isEmpty() ? "" : "[" + String.join(", ", keep) + "]";
            changed |= !replacement.equals(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return changed ? out.toString().replaceAll(" +([.,;:!?])", "$1") : text;
    }
}
