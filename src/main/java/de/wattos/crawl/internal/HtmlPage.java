package de.wattos.crawl.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What the crawler needs from an HTML page: its title, outgoing links (normalised), the canonical URL and the
 * robots directives. Main-content extraction is the knowledge module's job (it gets the raw bytes).
 */
public record HtmlPage(String title, List<String> links, String canonical, boolean noindex, boolean nofollow) {

    public static HtmlPage parse(byte[] html, String charset, String url, String robotsAgent) {
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(html), charset, url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) { // unknown charset name
            try {
                doc = Jsoup.parse(new ByteArrayInputStream(html), null, url);
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        }
        String base = url;
        Element baseEl = doc.selectFirst("base[href]");
        if (baseEl != null) {
            String b = UrlNormalizer.resolve(url, baseEl.attr("href"));
            if (b != null) {
                base = b;
            }
        }
        Set<String> links = new LinkedHashSet<>();
        for (Element a : doc.select("a[href], area[href]")) {
            String rel = a.attr("rel").toLowerCase(Locale.ROOT);
            if (rel.contains("nofollow")) {
                continue;
            }
            String link = UrlNormalizer.resolve(base, a.attr("href"));
            if (link != null) {
                links.add(link);
            }
        }
        String canonical = null;
        for (Element link : doc.select("link[rel][href]")) {
            if (List.of(link.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")).contains("canonical")) {
                canonical = UrlNormalizer.resolve(base, link.attr("href"));
                break;
            }
        }
        boolean noindex = false;
        boolean nofollow = false;
        for (Element meta : doc.select("meta[name][content]")) {
            String name = meta.attr("name").toLowerCase(Locale.ROOT).trim();
            if (name.equals("robots") || name.equals(robotsAgent.toLowerCase(Locale.ROOT))) {
                RobotsDirectives d = RobotsDirectives.parse(meta.attr("content"));
                noindex |= d.noindex();
                nofollow |= d.nofollow();
            }
        }
        String title = doc.title();
        if (title == null || title.isBlank()) {
            Element h1 = doc.selectFirst("h1");
            title = h1 == null ? null : h1.text();
        }
        return new HtmlPage(title == null || title.isBlank() ? null : title.strip(), List.copyOf(links), canonical,
                noindex, nofollow);
    }

    /** {@code noindex}/{@code nofollow} from a meta robots content or an X-Robots-Tag header value. */
    public record RobotsDirectives(boolean noindex, boolean nofollow) {

        public static RobotsDirectives parse(String value) {
            boolean noindex = false;
            boolean nofollow = false;
            if (value != null) {
                for (String token : value.toLowerCase(Locale.ROOT).split("[,\\s]+")) {
                    switch (token.trim()) {
                        case "noindex" -> noindex = true;
                        case "nofollow" -> nofollow = true;
                        case "none" -> {
                            noindex = true;
                            nofollow = true;
                        }
                        default -> { }
                    }
                }
            }
            return new RobotsDirectives(noindex, nofollow);
        }

        /**
         * X-Robots-Tag values may be prefixed by a user agent ({@code googlebot: noindex}); only unprefixed values and
         * those for our agent count.
         */
        public static RobotsDirectives fromHeaders(List<String> values, String robotsAgent) {
            boolean noindex = false;
            boolean nofollow = false;
            for (String value : values) {
                String v = value;
                int colon = v.indexOf(':');
                if (colon > 0) {
                    String agent = v.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    if (!agent.contains(" ") && !agent.isEmpty() && !isDirective(agent)) {
                        if (!agent.equals(robotsAgent.toLowerCase(Locale.ROOT))) {
                            continue;
                        }
                        v = v.substring(colon + 1);
                    }
                }
                RobotsDirectives d = parse(v);
                noindex |= d.noindex();
                nofollow |= d.nofollow();
            }
            return new RobotsDirectives(noindex, nofollow);
        }

        private static boolean isDirective(String s) {
            return s.equals("unavailable_after") || s.equals("max-snippet") || s.equals("max-image-preview")
                    || s.equals("max-video-preview");
        }
    }
}
