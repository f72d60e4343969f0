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

/** Markdown (with YAML front matter as metadata) and plain text into blocks. */
public final class PlainTextBlocks {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern LIST = Pattern.compile("^\\s{0,6}(?:[-*+•]|\\d{1,3}[.)])\\s+(.*)$");
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("^\\s*\\|?\\s*:?-{2,}:?\\s*(\\|\\s*:?-{2,}:?\\s*)*\\|?\\s*$");
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
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
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                flush(paragraph, blocks);
                add(blocks, Block.Kind.HEADING, h.group(1).length(), h.group(2));
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
                if (!TABLE_SEPARATOR.matcher(stripped).matches()) {
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
        for (String line : text.split("\n", -1)) {
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
        String out = LINK.matcher(s).replaceAll("$1");
        return EMPHASIS.matcher(out).replaceAll("");
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
