package de.wattos.crawl.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which URLs belong to a source: same host as a start URL (the {@code www.} variant counts as the same host)
 * when {@code sameHostOnly}, at least one include pattern matching (if any are given) and no exclude pattern
 * matching. Static assets (images, styles, scripts, media, archives) are never fetched.
 */
public final class UrlScope {

    private static final Set<String> ASSET_EXTENSIONS = Set.of("css", "js", "mjs", "map", "png", "jpg", "jpeg",
            "gif", "webp", "svg", "ico", "bmp", "tif", "tiff", "avif", "woff", "woff2", "ttf", "otf", "eot", "mp3",
            "mp4", "m4a", "m4v", "webm", "ogg", "ogv", "wav", "avi", "mov", "mkv", "zip", "gz", "tgz", "rar", "7z",
            "exe", "msi", "dmg", "iso", "apk", "json", "xml", "rss", "atom", "ics", "vcf", "csv", "xls", "xlsx",
            "ppt", "pptx");

    private final Set<String> hosts = new HashSet<>();
    private final boolean sameHostOnly;
    private final List<UrlPattern> includes;
    private final List<UrlPattern> excludes;

    public UrlScope(List<String> startUrls, boolean sameHostOnly, List<String> includePatterns,
            List<String> excludePatterns) {
        for (String url : startUrls) {
            String normalized = UrlNormalizer.normalize(url);
            if (normalized != null) {
                hosts.add(bareHost(UrlNormalizer.host(normalized)));
            }
        }
        this.sameHostOnly = sameHostOnly;
        this.includes = includePatterns.stream().map(UrlPattern::compile).toList();
        this.excludes = excludePatterns.stream().map(UrlPattern::compile).toList();
    }

    /** True if the normalised URL is to be crawled. */
    public boolean contains(String url) {
        return whyNot(url) == null;
    }

    /** Null if the URL is in scope, else a short reason ({@code other_host}, {@code excluded}, {@code not_included}, {@code asset}). */
    public String whyNot(String url) {
        if (url == null) {
            return "invalid_url";
        }
        if (sameHostOnly && !isStartHost(UrlNormalizer.host(url))) {
            return "other_host";
        }
        if (isAsset(url)) {
            return "asset";
        }
        for (UrlPattern exclude : excludes) {
            if (exclude.matches(url)) {
                return "excluded";
            }
        }
        if (!includes.isEmpty() && includes.stream().noneMatch(p -> p.matches(url))) {
            return "not_included";
        }
        return null;
    }

    public boolean isStartHost(String host) {
        return host != null && hosts.contains(bareHost(host));
    }

    static boolean isAsset(String url) {
        String path = UrlNormalizer.pathAndQuery(url);
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash) {
            return false;
        }
        return ASSET_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
    }

    private static String bareHost(String host) {
        return host != null && host.startsWith("www.") ? host.substring(4) : host;
    }
}
