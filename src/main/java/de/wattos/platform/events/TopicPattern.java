package de.wattos.platform.events;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A subscription to topics: an exact topic ({@code knowledge.space.deleted}) or a pattern in which {@code *}
 * stands for one or more whole segments ({@code knowledge.*}, {@code *.failed}, {@code knowledge.*.deleted}; {@code *}
 * alone is everything).
 */
public final class TopicPattern {

    private static final Pattern SEGMENT = Pattern.compile("[a-z][a-z0-9_]*");
    private final String text;
    private final Pattern regex;

    private TopicPattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /** Parses one pattern; rejects anything that is not dotted segments of lower-case words or {@code *}. */
    public static TopicPattern parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        String[] segments = t.split("\\.", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (i > 0) {
                regex.append("\\.");
            }
            if (s.equals("*")) {
                regex.append("[a-z0-9_]+(?:\\.[a-z0-9_]+)*");
            } else if (SEGMENT.matcher(s).matches()) {
                regex.append(s);
            } else {
                throw new IllegalArgumentException("not a topic pattern: '" + text + "'");
            }
        }
        return new TopicPattern(t, Pattern.compile(regex.toString()));
    }

    /** A comma-separated list, e.g. {@code knowledge.*,channel.*}. */
    public static List<TopicPattern> parseList(String commaSeparated) {
        List<TopicPattern> patterns = new ArrayList<>();
        for (String part : Arrays.stream(commaSeparated == null ? new String[0] : commaSeparated.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            patterns.add(parse(part));
        }
        return List.copyOf(patterns);
    }

    public static boolean anyMatches(List<TopicPattern> patterns, String topic) {
        return patterns.stream().anyMatch(p -> p.matches(topic));
    }

    static boolean isValidType(String type) {
        for (String s : type.split("\\.", -1)) {
            if (!SEGMENT.matcher(s).matches()) {
                return false;
            }
        }
        return true;
    }

    public boolean matches(String topic) {
        return topic != null && regex.matcher(topic).matches();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicPattern other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
