package de.wattos.crawl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UrlScopeTest {

    @Test
    void globsMatchPathOrWholeUrlAndRegexSearches() {
        assertThat(UrlPattern.compile("/presse/*").matches("https://a.de/presse/2024/x")).isTrue();
        assertThat(UrlPattern.compile("/presse/*").matches("https://a.de/about/presse/x")).isFalse();
        assertThat(UrlPattern.compile("*.pdf").matches("https://a.de/x/y.pdf")).isTrue();
        assertThat(UrlPattern.compile("*?print=1").matches("https://a.de/x?print=1")).isTrue();
        assertThat(UrlPattern.compile("regex:/(intern|login)/").matches("https://a.de/a/login/b")).isTrue();
        assertThatThrownBy(() -> UrlPattern.compile("regex:(")).hasMessageContaining("invalid regex");
    }

    @Test
    void scopeHonoursHostsPatternsAndAssets() {
        UrlScope scope = new UrlScope(List.of("https://example.de/"), true, List.of(), List.of("/intern/*", "regex:[?&]print="));
        assertThat(scope.contains("https://example.de/a")).isTrue();
        assertThat(scope.contains("https://www.example.de/a")).isTrue();
        assertThat(scope.whyNot("https://other.de/a")).isEqualTo("other_host");
        assertThat(scope.whyNot("https://example.de/intern/x")).isEqualTo("excluded");
        assertThat(scope.whyNot("https://example.de/a?print=1")).isEqualTo("excluded");
        assertThat(scope.whyNot("https://example.de/logo.png")).isEqualTo("asset");
        assertThat(scope.contains("https://example.de/satzung.pdf")).isTrue();

        UrlScope included = new UrlScope(List.of("https://example.de/"), false, List.of("/buergerservice/*"), List.of());
        assertThat(included.contains("https://other.de/buergerservice/a")).isTrue();
        assertThat(included.whyNot("https://example.de/aktuelles")).isEqualTo("not_included");
    }
}
