package de.wattos.knowledge.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Markdown (with YAML front matter as metadata) and plain text into blocks.
 *
 * <p>Uploads are untrusted input: every line-level decision is either a hand-written scan or a pattern that cannot
 * backtrack more than linearly (headings, table separators and links were regexes that took minutes on a few KB of
 * spaces or brackets). The scan also stops when its thread is interrupted, so an extraction timeout really ends it.
 */
public final class PlainTextBlocks {

    private static final Pattern LIST = Pattern.compile("^\\s{0,6}+(?:[-*+•]|\\d{1,3}+[.)])\\s++(.*)$");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|\\*|`)");
    private static final Pattern SETEXT = Pattern.compile("^(=+|-+)\\s*$");

    private PlainTextBlocks() {
    }

    public record Parsed(String title, List<Block> blocks, Map<String, String> metadata) {
    }

    public static Parsed markdown(String source) {
        String text = source.replace("\r\n", "\n").replace('\r', '\n');
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        if (text.startsWith("---\n")) {
            int end = text.indexOf("\n---", 4);
            if (end > 0) {
                String yaml = text.substring(4, end);
                int after = text.indexOf('\n', end + 4);
                text = after < 0 ? "" : text.substring(after + 1);
                metadata.putAll(frontMatter(yaml));
            }
        }
        List<Block> blocks = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        boolean fence = false;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                flush(paragraph, blocks);
                fence = !fence;
                continue;
            }
            if (fence) {
                paragraph.append(line).append('\n');
                continue;
            }
            checkInterrupted(i);
            Heading h = heading(line);
            if (h != null) {
                flush(paragraph, blocks);
                add(blocks, Block.Kind.HEADING, h.level(), h.text());
                continue;
            }
            if (i + 1 < lines.length && !line.isBlank() && paragraph.isEmpty() && SETEXT.matcher(lines[i + 1]).matches()
                    && !LIST.matcher(line).matches()) {
                add(blocks, Block.Kind.HEADING, lines[i + 1].startsWith("=") ? 1 : 2, line);
                i++;
                continue;
            }
            if (line.isBlank()) {
                flush(paragraph, blocks);
                continue;
            }
            String stripped = line.strip();
            if (stripped.startsWith("|")) {
                flush(paragraph, blocks);
                if (!isTableSeparator(stripped)) {
                    String row = stripped.replaceAll("^\\|", "").replaceAll("\\|$", "");
                    List<String> cells = new ArrayList<>();
                    for (String cell : row.split("\\|")) {
                        if (!cell.isBlank()) {
                            cells.add(cell.strip());
                        }
                    }
                    add(blocks, Block.Kind.TABLE_ROW, 0, String.join(" | ", cells));
                }
                continue;
            }
            Matcher l = LIST.matcher(line);
            if (l.matches()) {
                flush(paragraph, blocks);
                add(blocks, Block.Kind.LIST_ITEM, 0, l.group(1));
                continue;
            }
            if (stripped.startsWith(">")) {
                stripped = stripped.replaceFirst("^>+\\s?", "");
            }
            // a continuation line of a list item belongs to it
            if (paragraph.isEmpty() && !blocks.isEmpty() && blocks.getLast().kind() == Block.Kind.LIST_ITEM
                    && line.startsWith("  ") && i > 0 && !lines[i - 1].isBlank()) {
                Block last = blocks.removeLast();
                blocks.add(last.withText(last.text() + " " + inline(stripped)));
                continue;
            }
            paragraph.append(stripped).append('\n');
        }
        flush(paragraph, blocks);
        String title = metadata.getOrDefault("title", metadata.get("titel"));
        if (title == null) {
            title = blocks.stream().filter(b -> b.kind() == Block.Kind.HEADING).map(Block::text).findFirst().orElse(null);
        }
        return new Parsed(title, blocks, metadata);
    }

    /** Plain text: paragraphs separated by blank lines; short lines that look like headings (§ 5 Steuersatz) stay apart. */
    public static Parsed plain(String source) {
        String text = source.replace("\r\n", "\n").replace('\r', '\n');
        List<Block> blocks = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            checkInterrupted(i);
            if (line.isBlank()) {
                flushPlain(paragraph, blocks);
                continue;
            }
            Matcher l = LIST.matcher(line);
            if (l.matches()) {
                flushPlain(paragraph, blocks);
                String item = TextNormalizer.normalize(l.group(1));
                if (!item.isEmpty()) {
                    blocks.add(new Block(Block.Kind.LIST_ITEM, 0, item, null));
                }
                continue;
            }
            paragraph.append(line).append('\n');
        }
        flushPlain(paragraph, blocks);
        String title = blocks.isEmpty() ? null : blocks.getFirst().text();
        if (title != null && (title.length() > 100 || title.endsWith(".") || blocks.size() == 1)) {
            title = null;
        }
        return new Parsed(title, blocks, Map.of());
    }

    private static void flushPlain(StringBuilder paragraph, List<Block> blocks) {
        String text = TextNormalizer.normalize(paragraph.toString());
        paragraph.setLength(0);
        if (!text.isEmpty()) {
            blocks.add(Block.paragraph(text, null));
        }
    }

    private static void flush(StringBuilder paragraph, List<Block> blocks) {
        if (!paragraph.isEmpty()) {
            add(blocks, Block.Kind.PARAGRAPH, 0, paragraph.toString());
            paragraph.setLength(0);
        }
    }

    private static void add(List<Block> blocks, Block.Kind kind, int level, String raw) {
        String text = TextNormalizer.normalize(inline(raw));
        if (!text.isEmpty()) {
            blocks.add(new Block(kind, level, text, null));
        }
    }

    private static String inline(String s) {
        return EMPHASIS.matcher(links(s)).replaceAll("");
    }

    record Heading(int level, String text) {
    }

    /** An ATX heading ({@code ## Text ##}): 1–6 hashes, whitespace, text; a closing hash run needs a space before it. */
    static Heading heading(String line) {
        int hashes = 0;
        while (hashes < line.length() && line.charAt(hashes) == '#') {
            hashes++;
        }
        if (hashes < 1 || hashes > 6 || hashes == line.length() || !isSpace(line.charAt(hashes))) {
            return null;
        }
        int start = hashes;
        while (start < line.length() && isSpace(line.charAt(start))) {
            start++;
        }
        int end = trimEnd(line, start, line.length());
        int closing = end;
        while (closing > start && line.charAt(closing - 1) == '#') {
            closing--;
        }
        if (closing < end && (closing == start || isSpace(line.charAt(closing - 1)))) {
            end = trimEnd(line, start, closing);
        }
        return new Heading(hashes, line.substring(start, end));
    }

    /** A table's header separator row such as {@code | :--- | ---: |}: only dash cells (two or more), optional colons. */
    static boolean isTableSeparator(String line) {
        int from = 0;
        int to = trimEnd(line, 0, line.length());
        while (from < to && isSpace(line.charAt(from))) {
            from++;
        }
        if (from < to && line.charAt(from) == '|') {
            from++;
        }
        if (to > from && line.charAt(to - 1) == '|') {
            to--;
        }
        int cellStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || line.charAt(i) == '|') {
                if (!isDashCell(line, cellStart, i)) {
                    return false;
                }
                cellStart = i + 1;
            }
        }
        return true;
    }

    private static boolean isDashCell(String line, int from, int to) {
        while (from < to && isSpace(line.charAt(from))) {
            from++;
        }
        to = trimEnd(line, from, to);
        if (from < to && line.charAt(from) == ':') {
            from++;
        }
        if (to > from && line.charAt(to - 1) == ':') {
            to--;
        }
        if (to - from < 2) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (line.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * Links and images ({@code [text](target)}, {@code ![alt](src)}) replaced by their text, in one pass: the next
     * {@code ]} and {@code )} after every position are known in advance, so no bracket is scanned twice.
     */
    static String links(String s) {
        if (s.indexOf('[') < 0) {
            return s;
        }
        int n = s.length();
        int[] nextBracket = new int[n + 1];
        int[] nextParen = new int[n + 1];
        nextBracket[n] = -1;
        nextParen[n] = -1;
        for (int i = n - 1; i >= 0; i--) {
            nextBracket[i] = s.charAt(i) == ']' ? i : nextBracket[i + 1];
            nextParen[i] = s.charAt(i) == ')' ? i : nextParen[i + 1];
        }
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            int open = s.charAt(i) == '!' && i + 1 < n && s.charAt(i + 1) == '[' ? i + 1 : i;
            if (s.charAt(open) == '[') {
                int close = nextBracket[open + 1];
                if (close > 0 && close + 1 < n && s.charAt(close + 1) == '(') {
                    int paren = nextParen[close + 2];
                    if (paren > 0) {
                        out.append(s, open + 1, close);
                        i = paren + 1;
                        continue;
                    }
                }
            }
            out.append(s.charAt(i));
            i++;
        }
        return out.toString();
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** The characters {@code \\s} stands for in the patterns this replaces. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** Lets an extraction timeout end a parse (the caller interrupts the thread and reports the document failed). */
    private static void checkInterrupted(int line) {
        if ((line & 255) == 0 && Thread.currentThread().isInterrupted()) {
            throw new ExtractionInterrupted();
        }
    }

    /** Thrown inside a parse whose thread was interrupted (by the extraction timeout). */
    static final class ExtractionInterrupted extends RuntimeException {
        ExtractionInterrupted() {
            super("extraction interrupted", null, false, false);
        }
    }

    private static Map<String, String> frontMatter(String yaml) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            options.setCodePointLimit(256 * 1024);
            Object loaded = new Yaml(new SafeConstructor(options)).load(yaml);
            if (loaded instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    if (k != null && v != null) {
                        String value = v instanceof List<?> list
                                ? String.join(", ", list.stream().map(String::valueOf).toList())
                                : String.valueOf(v);
                        if (value.length() <= 2000) {
                            out.put(String.valueOf(k), value);
                        }
                    }
                });
            }
        } catch (RuntimeException e) {
            // broken front matter is not fatal: the body is still indexed
        }
        return out;
    }
}
