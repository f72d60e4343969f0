package de.wattos.llm.internal.pii;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Placeholder ↔ original for one request. Lives only in memory for the duration of the call. */
public final class PiiVault {

    static final Pattern PLACEHOLDER = Pattern.compile("\\[([A-Z]+(?:_[A-Z]+)*)_(\\d{1,4})\\]");

    private final Map<String, String> byPlaceholder = new LinkedHashMap<>();
    private final Map<String, String> byValue = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    /** The placeholder for this value of this type, reusing it for a value seen before. */
    public String placeholder(String type, String value) {
        String key = type + "\u0000" + value;
        String existing = byValue.get(key);
        if (existing != null) {
            return existing;
        }
        int n = counters.merge(type, 1, Integer::sum);
        String placeholder = "[" + type + "_" + n + "]";
        byValue.put(key, placeholder);
        byPlaceholder.put(placeholder, value);
        return placeholder;
    }

    public int size() {
        return byPlaceholder.size();
    }

    public boolean isEmpty() {
        return byPlaceholder.isEmpty();
    }

    /** Replaces every known placeholder by its original; unknown bracketed text stays as it is. */
    public String restore(String text) {
        if (text == null || byPlaceholder.isEmpty() || text.indexOf('[') < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String original = byPlaceholder.get(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(original != null ? original : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return "PiiVault[" + byPlaceholder.size() + " values]"; // never the values
    }
}
