package de.wattos.crawl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.wattos.platform.UrlGuard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard the crawler uses for every URL and redirect hop, with private networks not allowed (production). */
class UrlGuardRefusesInternalTargetsTest {

    private final UrlGuard strict = new UrlGuard(false);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://localhost:8080/admin", "http://10.1.2.3/", "http://192.168.0.1/",
            "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/", "http://100.64.0.1/"})
    void refusesLoopbackPrivateAndLinkLocal(String url) {
        assertThatThrownBy(() -> strict.check(url))
                .isInstanceOf(UrlGuard.BlockedUrlException.class)
                .satisfies(e -> assertThat(((UrlGuard.BlockedUrlException) e).code()).isEqualTo("private_address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.de/", "gopher://x/"})
    void refusesOtherSchemes(String url) {
        assertThatThrownBy(() -> strict.check(url))
                .isInstanceOf(UrlGuard.BlockedUrlException.class)
                .satisfies(e -> assertThat(((UrlGuard.BlockedUrlException) e).code()).isEqualTo("unsupported_scheme"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://[::1]/"})
    void allowsLoopbackOnlyWhenConfigured(String url) {
        assertThat(new UrlGuard(true).check(url)).isNotNull();
    }
}
