package de.wattos.crawl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlNormalizerTest {

    @Test
    void normalisesSchemeHostPortFragmentAndDotSegments() {
        assertThat(UrlNormalizer.normalize("HTTP://WWW.Example.DE:80/a/./b/../c#top")).isEqualTo("http://www.example.de/a/c");
        assertThat(UrlNormalizer.normalize("https://example.de:443")).isEqualTo("https://example.de/");
        assertThat(UrlNormalizer.normalize("https://example.de:8443/x")).isEqualTo("https://example.de:8443/x");
        assertThat(UrlNormalizer.normalize("http://example.de/a/")).isEqualTo("http://example.de/a/");
    }

    @Test
    void dropsTrackingParametersAndSortsTheRest() {
        assertThat(UrlNormalizer.normalize("https://example.de/p?utm_source=x&b=2&gclid=1&a=1&utm_medium=y"))
                .isEqualTo("https://example.de/p?a=1&b=2");
        assertThat(UrlNormalizer.normalize("https://example.de/p?utm_source=x")).isEqualTo("https://example.de/p");
        assertThat(UrlNormalizer.normalize("https://example.de/p;jsessionid=ABC?id=3")).isEqualTo("https://example.de/p?id=3");
    }

    @Test
    void resolvesRelativeLinksAndRefusesNonHttp() {
        assertThat(UrlNormalizer.resolve("https://example.de/a/b.html", "../c.html")).isEqualTo("https://example.de/c.html");
        assertThat(UrlNormalizer.resolve("https://example.de/a/", "x?b=1&a=2#f")).isEqualTo("https://example.de/a/x?a=2&b=1");
        assertThat(UrlNormalizer.resolve("https://example.de/", "mailto:a@b.de")).isNull();
        assertThat(UrlNormalizer.resolve("https://example.de/", "javascript:void(0)")).isNull();
        assertThat(UrlNormalizer.resolve("https://example.de/", "#top")).isNull();
        assertThat(UrlNormalizer.normalize("ftp://example.de/")).isNull();
    }

    @Test
    void escapesWhatBrowsersTolerate() {
        assertThat(UrlNormalizer.resolve("https://example.de/", "/Bürger service/a b.pdf"))
                .isEqualTo("https://example.de/B%C3%BCrger%20service/a%20b.pdf");
        assertThat(UrlNormalizer.normalize("https://example.de/%c3%bc")).isEqualTo("https://example.de/%C3%BC");
        assertThat(UrlNormalizer.normalize("https://bürgerservice.de/")).isEqualTo("https://xn--brgerservice-dlb.de/");
    }
}
