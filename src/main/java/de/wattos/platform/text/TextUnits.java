package de.wattos.platform.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a passage (chunk text: one block per line) into {@link TextUnit}s. Table rows ({@code a | b | c}) and
 * key–value lines ({@code Gebühr: 30 €}) stay whole, list items complete the sentence that introduces them with a
 * colon, short title-like lines become the heading of what follows, and running text is split into sentences (not
 * after abbreviations or ordinal numbers).
 */
public final class TextUnits {

    private static final int MAX_UNIT_CHARS = 420;
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…]+[\"“”»)]*\\s+");
    private static final Pattern ITEM = Pattern.compile("^(?:[-*•]|\\d{1,2}\\.|\\(\\d+[a-z]?\\)|[a-z]\\))\\s+(.*)$");
    private static final Pattern KEY_VALUE = Pattern.compile("^([\\p{L}][\\p{L}\\p{N} ./()\\-–]{1,48}):\\s+(\\S.*)$");
    private static final Set<String> ABBREVIATIONS = Set.of("z", "b", "bzw", "nr", "ca", "abs", "s", "u", "a", "d",
            "h", "str", "evtl", "ggf", "inkl", "vgl", "tel", "dr", "prof", "st", "mo", "di", "mi", "do", "fr", "sa",
            "so", "jan", "feb", "febr", "aug", "sept", "okt", "nov", "dez", "usw", "etc", "geb", "gem", "art", "bzgl",
            "max", "min", "mind", "zzgl", "allg", "hr", "fa", "ff", "lt", "o", "e", "v", "i", "m", "n", "rd", "zb",
            "vsl", "jew", "ggü", "gegenueber", "sog", "bspw", "abschn", "anm", "kap", "lfd", "insb");

    private TextUnits() {
    }

    public static List<TextUnit> of(String text) {
        List<TextUnit> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        String heading = "";
        String leadIn = null;
        StringBuilder paragraph = new StringBuilder();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = clean(lines[i]);
            if (line.isEmpty()) {
                flush(paragraph, heading, out);
                continue;
            }
            if (line.startsWith("#")) {
                flush(paragraph, heading, out);
                heading = line.replaceFirst("^#+\\s*", "");
                continue;
            }
            if (line.contains(" | ") || line.startsWith("|")) {
                flush(paragraph, heading, out);
                row(line, heading, out);
                leadIn = null;
                continue;
            }
            Matcher item = ITEM.matcher(line);
            if (item.matches()) {
                flush(paragraph, heading, out);
                String body = item.group(1).strip().replaceFirst("^\\(\\d+[a-z]?\\)\\s+", "");
                boolean first = true;
                for (String sentence : sentences(body)) {
                    add(out, new TextUnit(TextUnit.Kind.LIST_ITEM, first && leadIn != null ? leadIn + " " + sentence : sentence,
                            null, null, heading));
                    first = false;
                }
                continue;
            }
            Matcher kv = KEY_VALUE.matcher(line);
            if (kv.matches() && !kv.group(1).strip().contains("  ") && kv.group(2).length() < 300) {
                flush(paragraph, heading, out);
                add(out, new TextUnit(TextUnit.Kind.KEY_VALUE, line, kv.group(1).strip(), kv.group(2).strip(), heading));
                leadIn = null;
                continue;
            }
            if (looksLikeHeading(line, i + 1 < lines.length ? lines[i + 1] : null)) {
                flush(paragraph, heading, out);
                heading = line;
                leadIn = null;
                continue;
            }
            leadIn = line.endsWith(":") ? lastSentence(line) : null;
            if (leadIn != null) {
                flush(paragraph, heading, out);
                if (!leadIn.equals(line)) {
                    sentences(line.substring(0, line.length() - leadIn.length()), heading, out);
                }
                continue;
            }
            // a line that does not end a sentence is continued by the next one (wrapped text)
            if (!paragraph.isEmpty() && (paragraph.toString().matches("(?s).*[.!?;]$") || !Character.isLowerCase(line.charAt(0)))) {
                flush(paragraph, heading, out);
            }
            if (!paragraph.isEmpty()) {
                paragraph.append(' ');
            }
            paragraph.append(line);
        }
        flush(paragraph, heading, out);
        return out;
    }

    private static String clean(String line) {
        return line.replaceAll("(?<!\\w)[*_]{1,2}|[*_]{1,2}(?!\\w)", "").replaceAll("\\s+", " ").strip();
    }

    /** A short line without sentence punctuation followed by more text: a heading kept inside the chunk. */
    private static boolean looksLikeHeading(String line, String next) {
        return next != null && !next.isBlank() && line.length() <= 90 && !line.matches(".*[.!?:;,]$")
                && GermanText.words(line).size() <= 10 && Character.isLetterOrDigit(line.charAt(0))
                || line.matches("^(§{1,2}|Art\\.?|Artikel)\\s*\\d+[a-z]?\\b.{0,80}$") && !line.matches(".*[.!?]$");
    }

    private static void row(String line, String heading, List<TextUnit> out) {
        List<String> cells = new ArrayList<>();
        for (String c : line.split("\\|")) {
            if (!c.isBlank() && !c.strip().matches("[-: ]+")) {
                cells.add(c.strip());
            }
        }
        if (cells.isEmpty()) {
            return;
        }
        if (cells.size() == 1) {
            add(out, new TextUnit(TextUnit.Kind.TABLE_ROW, cells.getFirst(), null, null, heading));
            return;
        }
        String value = String.join(", ", cells.subList(1, cells.size()));
        add(out, new TextUnit(TextUnit.Kind.TABLE_ROW, String.join(" | ", cells), cells.getFirst(), value, heading));
    }

    private static void flush(StringBuilder paragraph, String heading, List<TextUnit> out) {
        if (paragraph.isEmpty()) {
            return;
        }
        sentences(paragraph.toString(), heading, out);
        paragraph.setLength(0);
    }

    private static void sentences(String block, String heading, List<TextUnit> out) {
        for (String s : sentences(block)) {
            add(out, new TextUnit(TextUnit.Kind.SENTENCE, s, null, null, heading));
        }
    }

    /** Sentences of running text: split at sentence ends, not after abbreviations or ordinals ("1. Januar"). */
    public static List<String> sentences(String block) {
        List<String> out = new ArrayList<>();
        int start = 0;
        Matcher m = SENTENCE_END.matcher(block);
        while (m.find()) {
            int end = m.end();
            if (end >= block.length() || abbreviationEnd(block, m.start()) || !startsSentence(block.charAt(end))) {
                continue;
            }
            addSentence(out, block.substring(start, end));
            start = end;
        }
        addSentence(out, block.substring(start));
        return out;
    }

    private static String lastSentence(String line) {
        List<String> s = sentences(line);
        return s.isEmpty() ? line : s.getLast();
    }

    private static void addSentence(List<String> out, String sentence) {
        String s = sentence.strip().replaceFirst("^\\(\\d+[a-z]?\\)\\s+", "");
        if (s.length() >= 3 && s.chars().anyMatch(Character::isLetter)) {
            out.add(s);
        }
    }

    private static void add(List<TextUnit> out, TextUnit unit) {
        String t = unit.text();
        if (t.length() > MAX_UNIT_CHARS) {
            int cut = t.lastIndexOf(' ', MAX_UNIT_CHARS);
            t = t.substring(0, cut > MAX_UNIT_CHARS / 2 ? cut : MAX_UNIT_CHARS) + " …";
            unit = new TextUnit(unit.kind(), t, unit.key(), unit.value(), unit.heading());
        }
        if (t.chars().anyMatch(Character::isLetterOrDigit)) {
            out.add(unit);
        }
    }

    private static boolean startsSentence(char c) {
        return Character.isUpperCase(c) || Character.isDigit(c) || c == '„' || c == '"' || c == '»' || c == '(' || c == '§';
    }

    private static boolean abbreviationEnd(String text, int dot) {
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
            return word.length() <= 2;
        }
        return ABBREVIATIONS.contains(GermanText.fold(word));
    }
}
