package de.wattos.crawl.internal;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An include/exclude pattern of a website source.
 * <ul>
 * <li>{@code regex:<java regex>}: a regular expression searched (find, not full match) in the normalised URL,
 * e.g. {@code regex:/(presse|aktuelles)/}.</li>
 * <li>anything else is a glob matched against the whole URL: {@code *} stands for any characters (also
 * {@code /}), everything else is literal (so {@code ?} is the query separator). A glob that starts with
 * {@code /} is matched against path and query only, e.g. {@code /presse/*} or {@code *.pdf}.</li>
 * </ul>
 */
public record UrlPattern(String source, Pattern pattern, boolean pathOnly, boolean regex) {

    public static final String REGEX_PREFIX = "regex:";

    /** Compiles a pattern; throws {@link IllegalArgumentException} with a readable message when it is invalid. */
    public static UrlPattern compile(String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("pattern is empty");
        }
        if (source.length() > 1000) {
            throw new IllegalArgumentException("pattern is longer than 1000 characters");
        }
        if (source.startsWith(REGEX_PREFIX)) {
            String expr = source.substring(REGEX_PREFIX.length());
            if (expr.isEmpty()) {
                throw new IllegalArgumentException("regex is empty");
            }
            try {
                return new UrlPattern(source, Pattern.compile(expr), false, true);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regex: " + e.getDescription());
            }
        }
        StringBuilder re = new StringBuilder();
        String[] parts = source.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".*");
            }
            if (!parts[i].isEmpty()) {
                re.append(Pattern.quote(parts[i]));
            }
        }
        return new UrlPattern(source, Pattern.compile(re.toString()), source.startsWith("/"), false);
    }

    public boolean matches(String normalizedUrl) {
        String subject = pathOnly ? UrlNormalizer.pathAndQuery(normalizedUrl) : normalizedUrl;
        return regex ? pattern.matcher(subject).find() : pattern.matcher(subject).matches();
    }
}
