package de.wattos.crawl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlPageTest {

    @Test
    void readsTitleLinksCanonicalAndRobots() {
        String html = """
                <html><head><title> Bürgerservice </title>
                <link rel="canonical" href="/buergerservice?utm_source=x">
                <meta name="robots" content="NOINDEX, follow"></head>
                <body><a href="a.html#x">A</a><a href="/b?z=1&y=2">B</a><a href="mailto:x@y.de">M</a>
                <a rel="nofollow" href="/login">L</a><a href="https://other.de/">O</a></body></html>
                """;
        HtmlPage page = HtmlPage.parse(html.getBytes(StandardCharsets.UTF_8), "utf-8", "https://example.de/dir/index.html",
                "wattos-crawler");
        assertThat(page.title()).isEqualTo("Bürgerservice");
        assertThat(page.links()).containsExactly("https://example.de/dir/a.html", "https://example.de/b?y=2&z=1",
                "https://other.de/");
        assertThat(page.canonical()).isEqualTo("https://example.de/buergerservice");
        assertThat(page.noindex()).isTrue();
        assertThat(page.nofollow()).isFalse();
    }

    @Test
    void xRobotsTagCountsOnlyForUsOrEveryone() {
        assertThat(HtmlPage.RobotsDirectives.fromHeaders(List.of("noindex"), "wattos-crawler").noindex()).isTrue();
        assertThat(HtmlPage.RobotsDirectives.fromHeaders(List.of("googlebot: noindex"), "wattos-crawler").noindex()).isFalse();
        assertThat(HtmlPage.RobotsDirectives.fromHeaders(List.of("wattos-crawler: none"), "wattos-crawler").nofollow()).isTrue();
        assertThat(HtmlPage.RobotsDirectives.fromHeaders(List.of("unavailable_after: 2020-01-01"), "wattos-crawler").noindex()).isFalse();
    }
}
