package de.wattos.crawl.internal;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One spelling per resource, so the same page is fetched and indexed once: lower-case scheme and host (IDN as
 * punycode), no default port, no fragment, dot segments resolved, empty path = {@code /}, no session ids in the
 * path ({@code ;jsessionid=}), tracking parameters dropped ({@code utm_*}, {@code gclid}, {@code fbclid} …), the
 * remaining query parameters sorted by name (stable), characters that are not allowed in URLs percent-encoded
 * and escapes upper-cased. Trailing slashes are kept: {@code /a} and {@code /a/} may be different resources.
 */
public final class UrlNormalizer {

    private static final Set<String> TRACKING = Set.of("gclid", "gclsrc", "dclid", "fbclid", "msclkid", "yclid",
            "mc_cid", "mc_eid", "_ga", "_gl", "igshid", "wt_mc", "wt.mc_id", "pk_campaign", "pk_kwd", "pk_source",
            "pk_medium", "pk_content", "mtm_campaign", "mtm_source", "mtm_medium", "mtm_keyword", "mtm_content",
            "piwik_campaign", "piwik_kwd", "_hsenc", "_hsmi", "ref_src", "oly_anon_id", "oly_enc_id", "vero_id",
            "sessionid", "phpsessid", "jsessionid");
    private static final Pattern SESSION_IN_PATH = Pattern.compile(";(jsessionid|phpsessid|sid)=[^/?#]*",
            Pattern.CASE_INSENSITIVE);
    private static final String ALLOWED = "-._~!$&'()*+,;=:@/?%[]";

    private UrlNormalizer() {
    }

    /** Resolves {@code href} against {@code base} and normalises it; null if it is not a usable http(s) URL. */
    public static String resolve(String base, String href) {
        if (href == null) {
            return null;
        }
        String h = href.strip();
        if (h.isEmpty() || h.startsWith("#")) {
            return null;
        }
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mailto:") || lower.startsWith("javascript:") || lower.startsWith("tel:")
                || lower.startsWith("data:") || lower.startsWith("ftp:") || lower.startsWith("file:")) {
            return null;
        }
        try {
            URI b = new URI(escape(asciiHost(stripFragment(base))));
            URI resolved = b.resolve(new URI(escape(asciiHost(stripFragment(h)))));
            return normalize(resolved.toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Normalises an absolute URL; null if it is not a usable http(s) URL. */
    public static String normalize(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(escape(asciiHost(stripFragment(url.strip()))));
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                return null;
            }
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                return null;
            }
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            int port = uri.getPort();
            if ((port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"))) {
                port = -1;
            }
            String path = uri.getRawPath();
            if (path == null || path.isEmpty()) {
                path = "/";
            }
            path = SESSION_IN_PATH.matcher(path).replaceAll("");
            path = removeDotSegments(path);
            String query = normalizeQuery(uri.getRawQuery());
            StringBuilder out = new StringBuilder(scheme).append("://").append(host);
            if (port != -1) {
                out.append(':').append(port);
            }
            out.append(upperEscapes(path));
            if (query != null) {
                out.append('?').append(upperEscapes(query));
            }
            return out.toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The host of a normalised URL (lower case), or null. */
    public static String host(String normalizedUrl) {
        try {
            return URI.create(normalizedUrl).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Path and query of a normalised URL, e.g. {@code /a/b?x=1}. */
    public static String pathAndQuery(String normalizedUrl) {
        URI uri = URI.create(normalizedUrl);
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static String normalizeQuery(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String param : raw.split("&")) {
            if (param.isEmpty()) {
                continue;
            }
            String name = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (name.startsWith("utm_") || TRACKING.contains(name)) {
                continue;
            }
            kept.add(param);
        }
        if (kept.isEmpty()) {
            return null;
        }
        kept.sort(Comparator.comparing(p -> p.split("=", 2)[0]));
        return String.join("&", kept);
    }

    private static String removeDotSegments(String path) {
        if (!path.contains("/.")) {
            return path;
        }
        String normalized = URI.create("http://x" + path).normalize().getRawPath();
        // URI.normalize keeps leading ".." segments that climb above the root: drop them
        while (normalized.startsWith("/../")) {
            normalized = normalized.substring(3);
        }
        return normalized.equals("/..") ? "/" : normalized;
    }

    private static final Pattern AUTHORITY = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*:)?//([^/?#]*)(.*)$", Pattern.DOTALL);

    /** Internationalised host names become punycode before escaping (an escaped host is not a host to URI). */
    private static String asciiHost(String url) {
        var m = AUTHORITY.matcher(url);
        if (!m.matches() || m.group(2).chars().allMatch(c -> c < 128)) {
            return url;
        }
        String authority = m.group(2);
        int at = authority.lastIndexOf('@');
        String userInfo = at >= 0 ? authority.substring(0, at + 1) : "";
        String hostPort = authority.substring(at + 1);
        int colon = hostPort.lastIndexOf(':');
        String host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
        String port = colon >= 0 ? hostPort.substring(colon) : "";
        return (m.group(1) == null ? "" : m.group(1)) + "//" + userInfo + IDN.toASCII(host, IDN.ALLOW_UNASSIGNED) + port
                + m.group(3);
    }

    private static String stripFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    /** Percent-encodes what browsers tolerate but {@link URI} refuses (spaces, umlauts, |, ^ …). */
    static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ALLOWED.indexOf(c) >= 0;
            if (c == '%' && !(i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2)))) {
                ok = false;
            }
            if (ok && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (ok) {
                out.append(c);
            } else {
                int cp = s.codePointAt(i);
                if (Character.isSupplementaryCodePoint(cp)) {
                    i++;
                }
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            }
        }
        return out == null ? s : out.toString();
    }

    private static String upperEscapes(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s);
        for (int i = out.indexOf("%"); i >= 0 && i + 2 < out.length(); i = out.indexOf("%", i + 1)) {
            out.setCharAt(i + 1, Character.toUpperCase(out.charAt(i + 1)));
            out.setCharAt(i + 2, Character.toUpperCase(out.charAt(i + 2)));
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
