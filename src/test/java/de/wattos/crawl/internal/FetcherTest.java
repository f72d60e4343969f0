package de.wattos.crawl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.wattos.crawl.FixtureSite;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FetcherTest {

    private final FixtureSite site = new FixtureSite();
    private final Fetcher fetcher = new Fetcher("WattOS-Crawler/0.1 (+https://wattos.de/crawler)", Duration.ofSeconds(2),
            Duration.ofMillis(700), 10_000);

    @AfterEach
    void close() {
        fetcher.close();
        site.close();
    }

    @Test
    void fetchesWithUserAgentAndAnswers304ToTheSameEtag() throws Exception {
        site.page("/a", "A", "text");
        Fetcher.Response first = fetcher.get(URI.create(site.url("/a")), Fetcher.Validators.NONE, null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.mediaType()).isEqualTo("text/html");
        assertThat(first.charset()).isEqualTo("utf-8");
        assertThat(site.requests().getFirst().userAgent()).isEqualTo("WattOS-Crawler/0.1 (+https://wattos.de/crawler)");
        Fetcher.Response second = fetcher.get(URI.create(site.url("/a")),
                new Fetcher.Validators(first.header("ETag"), null), null);
        assertThat(second.status()).isEqualTo(304);
        assertThat(second.body()).isNull();
    }

    @Test
    void refusesBodiesOverTheLimitDeclaredOrStreamed() {
        site.text("/big", "text/html", "x".repeat(20_000));
        site.handler("/chunked", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 30; i++) {
                    out.write(new byte[1000]);
                }
            }
        });
        assertThatThrownBy(() -> fetcher.get(URI.create(site.url("/big")), Fetcher.Validators.NONE, null))
                .isInstanceOf(FetchFailure.class).extracting(e -> ((FetchFailure) e).reason()).isEqualTo("too_large");
        assertThatThrownBy(() -> fetcher.get(URI.create(site.url("/chunked")), Fetcher.Validators.NONE, null))
                .isInstanceOf(FetchFailure.class).extracting(e -> ((FetchFailure) e).reason()).isEqualTo("too_large");
    }

    @Test
    void timesOutOnSlowHeadersAndSlowBodies() {
        site.handler("/slow-headers", exchange -> {
            sleep(3000);
            FixtureSite.send(exchange, 200, "late".getBytes());
        });
        site.handler("/slow-body", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("<html>".getBytes());
                out.flush();
                sleep(3000);
                out.write("</html>".getBytes());
            }
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> fetcher.get(URI.create(site.url("/slow-headers")), Fetcher.Validators.NONE, null))
                .isInstanceOf(FetchFailure.class).extracting(e -> ((FetchFailure) e).reason()).isEqualTo("timeout");
        assertThatThrownBy(() -> fetcher.get(URI.create(site.url("/slow-body")), Fetcher.Validators.NONE, null))
                .isInstanceOf(FetchFailure.class).extracting(e -> ((FetchFailure) e).reason()).isEqualTo("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void doesNotFollowRedirects() throws Exception {
        site.redirect("/old", "/new", 301);
        Fetcher.Response response = fetcher.get(URI.create(site.url("/old")), Fetcher.Validators.NONE, null);
        assertThat(response.status()).isEqualTo(301);
        assertThat(response.header("Location")).isEqualTo("/new");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
