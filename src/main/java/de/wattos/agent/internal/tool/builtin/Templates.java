package de.wattos.agent.internal.tool.builtin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code {{name}}} and {@code {{secret.NAME}}} placeholders, escaped for where they land. */
final class Templates {

    enum Escaping { URL, JSON, HEADER, SAMPLE }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}");

    private Templates() {
    }

    static String fill(String template, Map<String, Object> arguments, Map<String, String> secrets, Escaping escaping) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (escaping == Escaping.SAMPLE) {
                value = "x";
            } else if (name.startsWith("secret.")) {
                value = escaping == Escaping.HEADER ? secrets.getOrDefault(name.substring(7), "") : "";
            } else {
                Object v = arguments.get(name);
                value = v == null ? "" : String.valueOf(v);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(escape(value, escaping)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Set<String> secretNames(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (m.group(1).startsWith("secret.")) {
                names.add(m.group(1).substring(7));
            }
        }
        return names;
    }

    private static String escape(String value, Escaping escaping) {
        return switch (escaping) {
            case URL -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            case JSON -> jsonEscape(value);
            case HEADER -> value.replaceAll("[\\r\\n]", " ");
            case SAMPLE -> value;
        };
    }

    private static String jsonEscape(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
