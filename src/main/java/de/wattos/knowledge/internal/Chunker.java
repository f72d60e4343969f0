package de.wattos.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Structure-aware chunking: sections (headings, § sections of legal texts) are kept together where they fit,
 * long sections are split between sentences into ~{@code targetTokens} chunks with ~{@code overlap} of the
 * previous chunk repeated, small neighbouring sections are merged. Each chunk knows its heading path and page.
 */
public final class Chunker {

    public record Chunk(int ordinal, String text, String headingPath, Integer page, int startOffset, int tokens) {
    }

    /** Article and paragraph lines of legal texts: § 5 Steuersatz, Art 1, Artikel 12a, Anlage 2. */
    private static final Pattern LEGAL_HEADING = Pattern.compile(
            "^(§{1,2}\\s*\\d+[a-z]?|Art(\\.|ikel)?\\s*\\d+[a-z]?|Anlage\\s+\\d+)(\\s+[^.!?]{0,120})?$");
    /** Higher divisions: I. Die Grundrechte, Abschnitt 2, Teil III, Kapitel 4. */
    private static final Pattern DIVISION_HEADING = Pattern.compile(
            "^([IVXL]{1,6}[.a-z]?|Abschnitt\\s+[IVXL\\d]+[.:]?|Teil\\s+[IVXL\\d]+[.:]?|Kapitel\\s+[IVXL\\d]+[.:]?)\\s+[^.!?]{1,100}$");
    /** A division heading with the first article glued to it by PDF extraction: "I. Die Grundrechte Art 1". */
    private static final Pattern GLUED = Pattern.compile("^(.*\\S)\\s+((?:Art(?:\\.|ikel)?|§)\\s*\\d+[a-z]?)$");
    private static final Set<String> ABBREVIATIONS = Set.copyOf(java.util.Arrays.asList("abs", "nr", "z.b", "bzw", "ggf", "s", "art", "ziff", "lit",
            "vgl", "d.h", "u.a", "ca", "str", "tel", "gem", "i.v.m", "v", "vom", "dr", "prof", "bzw", "evtl", "inkl",
            "zzgl", "max", "min", "usw", "etc", "bspw", "sog", "lfd", "allg", "hrsg", "jan", "feb", "okt", "nov", "dez",
            "mio", "mrd", "tsd", "e.v", "st", "std", "gg", "bgb", "kag", "anm", "u", "o", "ff", "f", "abschn", "satz",
            "i.s.d", "i.s.v", "m.w.n", "zb", "dh", "mr", "mrs", "ms", "no", "vs", "e.g", "i.e"));

    private final int targetTokens;
    private final int overlapTokens;
    private final int minSectionTokens;

    public Chunker(int targetTokens, double overlap) {
        this.targetTokens = Math.max(50, targetTokens);
        this.overlapTokens = (int) Math.round(this.targetTokens * Math.max(0, Math.min(0.5, overlap)));
        this.minSectionTokens = Math.max(20, this.targetTokens / 8);
    }

    /** Rough token estimate for German text with word-piece vocabularies: ~4 characters per token. */
    public static int tokens(String text) {
        return (text.length() + 3) / 4;
    }

    public List<Chunk> chunk(List<Block> blocks) {
        State s = new State();
        int offset = 0;
        for (Block block : splitGlued(blocks)) {
            String text = block.text();
            int legalLevel = legalLevel(block);
            if (block.kind() == Block.Kind.HEADING || legalLevel > 0) {
                int level = block.kind() == Block.Kind.HEADING ? Math.max(1, Math.min(6, block.level())) : legalLevel;
                boolean flush = s.tokens >= minSectionTokens;
                if (flush) {
                    s.flush(false);
                }
                while (!s.headings.isEmpty() && s.headings.getLast().level >= level) {
                    s.headings.removeLast();
                }
                s.headings.add(new Heading(level, text));
                if (!s.pieces.isEmpty()) {
                    // merged into a small preceding section: keep the heading inside the text
                    s.add(text, block.page(), offset, true);
                }
                offset += text.length() + 1;
                continue;
            }
            String rendered = switch (block.kind()) {
                case LIST_ITEM -> "- " + text;
                default -> text;
            };
            List<String> pieces = tokens(rendered) <= targetTokens ? List.of(rendered) : sentences(rendered);
            int pieceOffset = offset;
            for (String piece : pieces) {
                for (String part : hardSplit(piece)) {
                    if (s.tokens > 0 && s.tokens + tokens(part) > targetTokens) {
                        s.flush(true);
                    }
                    s.add(part, block.page(), pieceOffset, false);
                    pieceOffset += part.length() + 1;
                }
            }
            offset += text.length() + 1;
        }
        s.flush(false);
        return s.chunks;
    }

    /** True for lines such as "§ 5 Steuersatz", "Art 1", "I. Die Grundrechte". */
    static boolean isLegalHeading(String text) {
        return text.length() <= 140 && (LEGAL_HEADING.matcher(text).matches() || DIVISION_HEADING.matcher(text).matches());
    }

    /** 0 if the block is not a legal heading line, else its level (divisions 7, articles and § 8). */
    private static int legalLevel(Block block) {
        if (block.kind() == Block.Kind.HEADING || block.text().length() > 140) {
            return 0;
        }
        if (LEGAL_HEADING.matcher(block.text()).matches()) {
            return 8;
        }
        return block.kind() == Block.Kind.PARAGRAPH && DIVISION_HEADING.matcher(block.text()).matches() ? 7 : 0;
    }

    private static List<Block> splitGlued(List<Block> blocks) {
        List<Block> out = new ArrayList<>(blocks.size());
        for (Block b : blocks) {
            if (b.kind() == Block.Kind.PARAGRAPH && b.text().length() <= 140) {
                var m = GLUED.matcher(b.text());
                if (m.matches() && DIVISION_HEADING.matcher(m.group(1)).matches()) {
                    out.add(b.withText(m.group(1)));
                    out.add(b.withText(m.group(2)));
                    continue;
                }
            }
            out.add(b);
        }
        return out;
    }

    private record Heading(int level, String text) {
    }

    private record Piece(String text, Integer page, int offset, boolean heading) {
    }

    private final class State {
        final List<Chunk> chunks = new ArrayList<>();
        final List<Heading> headings = new ArrayList<>();
        final List<Piece> pieces = new ArrayList<>();
        String path;
        int tokens;

        void add(String text, Integer page, int offset, boolean heading) {
            if (pieces.isEmpty() || pieces.stream().allMatch(Piece::heading)) {
                if (pieces.isEmpty()) {
                    path = String.join(" > ", headings.stream().map(Heading::text).toList());
                }
            } else if (!heading) {
                // a merged section: the path is what both share
                String current = String.join(" > ", headings.stream().map(Heading::text).toList());
                // text before the first heading (a title line) takes the path of what follows
                path = path == null || path.isEmpty() ? current : commonPrefix(path, current);
            }
            pieces.add(new Piece(text, page, offset, heading));
            tokens += tokens(text) + 1;
        }

        void flush(boolean overlap) {
            if (pieces.isEmpty() || pieces.stream().allMatch(Piece::heading)) {
                pieces.clear();
                tokens = 0;
                return;
            }
            StringBuilder sb = new StringBuilder();
            Integer page = null;
            for (Piece p : pieces) {
                if (!sb.isEmpty()) {
                    sb.append('\n');
                }
                sb.append(p.text());
                if (page == null) {
                    page = p.page();
                }
            }
            String text = sb.toString();
            chunks.add(new Chunk(chunks.size(), text, path == null || path.isEmpty() ? null : path, page,
                    pieces.getFirst().offset(), tokens(text)));
            List<Piece> tail = new ArrayList<>();
            if (overlap && overlapTokens > 0) {
                // repeat the last sentences (up to the overlap budget) at the start of the next chunk
                int budget = 0;
                List<String> lastSentences = sentences(pieces.getLast().text());
                Piece last = pieces.getLast();
                for (int i = lastSentences.size() - 1; i >= 0; i--) {
                    int t = tokens(lastSentences.get(i));
                    if (budget + t > overlapTokens) {
                        break;
                    }
                    budget += t;
                    tail.addFirst(new Piece(lastSentences.get(i), last.page(), last.offset(), false));
                }
                if (tail.size() == lastSentences.size() && pieces.size() > 1 && tail.size() > 0) {
                    // whole last piece fits: fine, it is repeated as a whole
                }
            }
            pieces.clear();
            tokens = 0;
            String keepPath = path;
            for (Piece p : tail) {
                pieces.add(p);
                tokens += tokens(p.text()) + 1;
            }
            path = keepPath;
        }
    }

    private static String commonPrefix(String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        String[] x = a.split(" > ");
        String[] y = b.split(" > ");
        List<String> common = new ArrayList<>();
        for (int i = 0; i < Math.min(x.length, y.length) && x[i].equals(y[i]); i++) {
            common.add(x[i]);
        }
        return String.join(" > ", common);
    }

    private List<String> hardSplit(String piece) {
        int limit = targetTokens * 4;
        if (piece.length() <= limit + limit / 2) {
            return List.of(piece);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < piece.length()) {
            int end = Math.min(piece.length(), start + limit);
            if (end < piece.length()) {
                int space = piece.lastIndexOf(' ', end);
                if (space > start + limit / 2) {
                    end = space;
                }
            }
            parts.add(piece.substring(start, end).strip());
            start = end;
        }
        return parts;
    }

    /** Splits between sentences; abbreviations, ordinals (5. Dezember) and § references do not end a sentence. */
    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?' || c == ';' && false) && i + 1 < n && Character.isWhitespace(text.charAt(i + 1))) {
                int next = i + 1;
                while (next < n && Character.isWhitespace(text.charAt(next))) {
                    next++;
                }
                if (next >= n) {
                    break;
                }
                char following = text.charAt(next);
                if (!(Character.isUpperCase(following) || following == '(' || following == '„' || following == '"' || following == '§')) {
                    continue;
                }
                if (c == '.') {
                    int w = i - 1;
                    while (w >= 0 && !Character.isWhitespace(text.charAt(w)) && text.charAt(w) != '(') {
                        w--;
                    }
                    String word = text.substring(w + 1, i).toLowerCase();
                    if (word.isEmpty() || ABBREVIATIONS.contains(word) || word.chars().allMatch(Character::isDigit)
                            || (word.length() == 1 && Character.isLetter(word.charAt(0)))) {
                        continue;
                    }
                }
                out.add(text.substring(start, i + 1).strip());
                start = next;
            }
        }
        if (start < n) {
            String rest = text.substring(start).strip();
            if (!rest.isEmpty()) {
                out.add(rest);
            }
        }
        return out;
    }
}
