package de.wattos.knowledge.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Highlighted snippets: the window of the chunk with the most query terms (matched after the same German
 * analysis, so "Hunde" lights up for "Hundesteuer"), HTML-escaped, matches wrapped in {@code <mark>}.
 */
public final class Snippets {

    private final GermanText german;
    private final int width;

    public Snippets(GermanText german, int width) {
        this.german = german;
        this.width = width;
    }

    private record Span(int start, int end) {
    }

    public String snippet(String text, Set<String> queryTerms) {
        List<Span> matches = new ArrayList<>();
        if (!queryTerms.isEmpty()) {
            try (TokenStream ts = german.analyzer().tokenStream(GermanText.PARTS_FIELD, text)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    if (queryTerms.contains(term.toString())) {
                        Span s = new Span(offset.startOffset(), offset.endOffset());
                        if (matches.isEmpty() || !matches.getLast().equals(s)) {
                            matches.add(s);
                        }
                    }
                }
                ts.end();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        int start = 0;
        if (text.length() > width && !matches.isEmpty()) {
            int best = 0;
            int bestCount = -1;
            for (int i = 0; i < matches.size(); i++) {
                int count = 0;
                for (int j = i; j < matches.size() && matches.get(j).end() - matches.get(i).start() <= width; j++) {
                    count++;
                }
                if (count > bestCount) {
                    bestCount = count;
                    best = i;
                }
            }
            start = Math.max(0, matches.get(best).start() - width / 5);
            // start at a word boundary
            while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
                start--;
            }
        }
        int end = Math.min(text.length(), start + width);
        if (end < text.length()) {
            int space = text.lastIndexOf(' ', end);
            if (space > start + width / 2) {
                end = space;
            }
        }
        StringBuilder sb = new StringBuilder();
        if (start > 0) {
            sb.append("… ");
        }
        int pos = start;
        for (Span m : matches) {
            if (m.start() < pos || m.end() > end) {
                continue;
            }
            escape(text, pos, m.start(), sb);
            sb.append("<mark>");
            escape(text, m.start(), m.end(), sb);
            sb.append("</mark>");
            pos = m.end();
        }
        escape(text, pos, end, sb);
        if (end < text.length()) {
            sb.append(" …");
        }
        return sb.toString();
    }

    private static void escape(String s, int from, int to, StringBuilder sb) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\n' -> sb.append(' ');
                default -> sb.append(c);
            }
        }
    }
}
