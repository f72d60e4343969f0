package de.wattos.widget.internal;

import de.wattos.platform.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * Checks and normalises a {@link WidgetRequest}: every field error is collected and answered at once (400
 * {@code validation_failed} with {@code errors[]}), so the console can mark every bad field.
 */
public final class WidgetValidator {

    static final Set<String> MODES = Set.of("launcher", "inline", "fullpage");
    static final Set<String> POSITIONS = Set.of("bottom-right", "bottom-left", "top-right", "top-left");
    static final Set<String> SIZES = Set.of("small", "medium", "large");
    static final Set<String> SCHEMES = Set.of("light", "dark", "auto");
    static final Set<String> STATUSES = Set.of(Arrays.stream(WidgetStatus.values()).map(WidgetStatus::wire).toArray(String[]::new));

    private static final Pattern COLOR = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    private static final Pattern FONT = Pattern.compile("[\\p{L}0-9 ,'\"._-]{1,200}");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\\[[0-9a-f:.]+\\]");

    static final WidgetSettings.Theme DEFAULT_THEME = new WidgetSettings.Theme("#00508c", "#ffffff", "#1a1a1a",
            "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", 12, "auto");

    private final List<ApiException.FieldError> errors = new ArrayList<>();

    public record Result(String name, WidgetStatus status, WidgetSettings settings) {
    }

    public static Result validate(WidgetRequest r, Predicate<UUID> spaceExists) {
        return new WidgetValidator().check(r, spaceExists, avatarId -> false);
    }

    /** {@code avatarExists}: whether the tenant's avatar library holds that avatar. */
    public static Result validate(WidgetRequest r, Predicate<UUID> spaceExists, Predicate<UUID> avatarExists) {
        return new WidgetValidator().check(r, spaceExists, avatarExists);
    }

    private Result check(WidgetRequest r, Predicate<UUID> spaceExists, Predicate<UUID> avatarExists) {
        String name = text("name", r.name(), 100, true);
        List<UUID> spaces = new ArrayList<>();
        if (r.spaceIds() != null) {
            if (r.spaceIds().size() > 50) {
                error("spaceIds", "at most 50 spaces");
            }
            for (int i = 0; i < r.spaceIds().size(); i++) {
                UUID id = r.spaceIds().get(i);
                if (id == null || !spaceExists.test(id)) {
                    error("spaceIds[" + i + "]", "no such knowledge space");
                } else if (!spaces.contains(id)) {
                    spaces.add(id);
                }
            }
        }
        List<String> origins = new ArrayList<>();
        if (r.allowedOrigins() != null) {
            if (r.allowedOrigins().size() > 20) {
                error("allowedOrigins", "at most 20 origins");
            }
            for (int i = 0; i < r.allowedOrigins().size(); i++) {
                String origin = normalizeOrigin(r.allowedOrigins().get(i));
                if (origin == null) {
                    error("allowedOrigins[" + i + "]", "must be an origin: scheme://host[:port] with http or https, no path");
                } else if (!origins.contains(origin)) {
                    origins.add(origin);
                }
            }
        }
        String mode = oneOf("mode", r.mode(), MODES, "launcher");
        String position = oneOf("position", r.position(), POSITIONS, "bottom-right");
        String size = oneOf("size", r.size(), SIZES, "medium");
        String statusText = oneOf("status", r.status(), STATUSES, WidgetStatus.DRAFT.wire());
        // an unknown status is already a field error; the result is thrown away then
        WidgetStatus status = STATUSES.contains(statusText) ? WidgetStatus.of(statusText) : WidgetStatus.DRAFT;
        WidgetSettings.Theme theme = theme(r.theme());
        String assistantName = text("assistantName", r.assistantName(), 60, false);
        String avatarUrl = url("avatarUrl", r.avatarUrl());
        String greeting = text("greeting", r.greeting(), 1000, false);
        List<String> questions = new ArrayList<>();
        if (r.suggestedQuestions() != null) {
            if (r.suggestedQuestions().size() > 6) {
                error("suggestedQuestions", "at most 6 suggested questions");
            }
            for (int i = 0; i < r.suggestedQuestions().size(); i++) {
                String q = text("suggestedQuestions[" + i + "]", r.suggestedQuestions().get(i), 200, true);
                if (q != null) {
                    questions.add(q);
                }
            }
        }
        String locale = r.locale() == null || r.locale().isBlank() ? "de" : r.locale().trim();
        if (!LOCALE.matcher(locale).matches()) {
            error("locale", "must be a language tag such as de, en or de-DE");
        }
        String privacyUrl = url("privacyUrl", r.privacyUrl());
        String disclosure = text("disclosureText", r.disclosureText(), 2000, false);
        WidgetSettings.Limits limits = limits(r.limits());
        WidgetSettings.Speech speech = speech(r.speech(), avatarExists);
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "Request validation failed", errors, Map.of());
        }
        return new Result(name, status, new WidgetSettings(List.copyOf(spaces), List.copyOf(origins), mode, position,
                size, theme, assistantName, avatarUrl, greeting, List.copyOf(questions), locale, privacyUrl,
                disclosure, limits, r.agentId(), speech));
    }

    private WidgetSettings.Speech speech(WidgetSettings.Speech s, Predicate<UUID> avatarExists) {
        if (s == null) {
            return WidgetSettings.Speech.OFF;
        }
        int perVisitor = s.perVisitorPerHour();
        if (perVisitor < 1 || perVisitor > 5000) {
            error("speech.speechPerVisitorPerHour", "must be between 1 and 5000");
        }
        if (s.avatarId() != null && !avatarExists.test(s.avatarId())) {
            error("speech.avatarId", "no avatar with this id in the tenant's library");
        }
        return new WidgetSettings.Speech(Boolean.TRUE.equals(s.voice()), Boolean.TRUE.equals(s.avatar()), s.avatarId(),
                perVisitor);
    }

    private WidgetSettings.Theme theme(WidgetSettings.Theme t) {
        WidgetSettings.Theme d = DEFAULT_THEME;
        if (t == null) {
            return d;
        }
        String primary = color("theme.primaryColor", t.primaryColor(), d.primaryColor());
        String background = color("theme.backgroundColor", t.backgroundColor(), d.backgroundColor());
        String text = color("theme.textColor", t.textColor(), d.textColor());
        String font = t.fontFamily() == null || t.fontFamily().isBlank() ? d.fontFamily() : t.fontFamily().trim();
        if (!FONT.matcher(font).matches()) {
            error("theme.fontFamily", "a CSS font-family list of names, commas and quotes (at most 200 characters)");
        }
        Integer radius = t.radius() == null ? d.radius() : t.radius();
        if (radius < 0 || radius > 32) {
            error("theme.radius", "must be between 0 and 32 (pixels)");
        }
        String scheme = oneOf("theme.colorScheme", t.colorScheme(), SCHEMES, d.colorScheme());
        if (COLOR.matcher(text).matches() && COLOR.matcher(background).matches()) {
            double ratio = Contrast.ratio(text, background);
            if (ratio < 4.5) {
                error("theme.textColor", String.format(Locale.ROOT,
                        "contrast with backgroundColor is %.2f:1; WCAG 2.1 AA needs at least 4.5:1", ratio));
            }
        }
        if (COLOR.matcher(primary).matches() && COLOR.matcher(background).matches()) {
            double ratio = Contrast.ratio(primary, background);
            if (ratio < 3.0) {
                error("theme.primaryColor", String.format(Locale.ROOT,
                        "contrast with backgroundColor is %.2f:1; controls need at least 3:1 (WCAG 1.4.11)", ratio));
            }
        }
        return new WidgetSettings.Theme(primary, background, text, font, radius, scheme);
    }

    private WidgetSettings.Limits limits(WidgetSettings.Limits l) {
        int perVisitor = l == null || l.messagesPerVisitorPerHour() == null ? 30 : l.messagesPerVisitorPerHour();
        int perIp = l == null || l.messagesPerIpPerHour() == null ? 120 : l.messagesPerIpPerHour();
        long budget = l == null || l.dailyTokenBudget() == null ? 200_000 : l.dailyTokenBudget();
        if (perVisitor < 1 || perVisitor > 1000) {
            error("limits.messagesPerVisitorPerHour", "must be between 1 and 1000");
        }
        if (perIp < 1 || perIp > 100_000) {
            error("limits.messagesPerIpPerHour", "must be between 1 and 100000");
        }
        if (budget < 1 || budget > 1_000_000_000L) {
            error("limits.dailyTokenBudget", "must be between 1 and 1000000000");
        }
        return new WidgetSettings.Limits(perVisitor, perIp, budget);
    }

    private String color(String field, String value, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim();
        if (!COLOR.matcher(v).matches()) {
            error(field, "must be a hex color such as #00508c or #fff");
            return v;
        }
        if (v.length() == 4) {
            v = "#" + v.charAt(1) + v.charAt(1) + v.charAt(2) + v.charAt(2) + v.charAt(3) + v.charAt(3);
        }
        return v.toLowerCase(Locale.ROOT);
    }

    private String oneOf(String field, String value, Set<String> allowed, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            error(field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        return v;
    }

    private String text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                error(field, "must not be blank");
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            error(field, "at most " + max + " characters");
        }
        if (v.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
            error(field, "must not contain control characters");
        }
        return v;
    }

    private String url(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.length() > 2000) {
            error(field, "at most 2000 characters");
            return v;
        }
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
                error(field, "must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            error(field, "must be an absolute http(s) URL");
        }
        return v;
    }

    /** {@code scheme://host[:port]} in the form browsers send it ({@code Origin} header), or null if it is none. */
    public static String normalizeOrigin(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.isEmpty() || v.length() > 300) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getRawAuthority() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
            return null;
        }
        String host = uri.getHost();
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches()) {
            return null;
        }
        int port = uri.getPort();
        if (port == 0 || port > 65535) {
            return null;
        }
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    private void error(String field, String message) {
        errors.add(new ApiException.FieldError(field, "invalid", message));
    }

    /** WCAG 2.1 relative luminance contrast of two hex colors. */
    public static final class Contrast {
        private Contrast() {
        }

        static double ratio(String a, String b) {
            double la = luminance(a);
            double lb = luminance(b);
            return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
        }

        static double luminance(String hex) {
            String h = hex.substring(1);
            if (h.length() == 3) {
                h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
            }
            double r = channel(Integer.parseInt(h.substring(0, 2), 16));
            double g = channel(Integer.parseInt(h.substring(2, 4), 16));
            double b = channel(Integer.parseInt(h.substring(4, 6), 16));
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        }

        private static double channel(int v) {
            double c = v / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
    }

}
