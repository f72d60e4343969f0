package de.wattos.crawl.internal;

import de.wattos.platform.UrlGuard;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * GET with redirects, the one loop for pages, robots.txt and sitemaps: every hop passes the SSRF guard and its host's
 * gate, loops and overlong chains end the walk, and the caller's {@link Hops} decides per hop what may be fetched
 * (robots rules, conditional validators) and which redirect may be followed (scope, already seen).
 */
final class RedirectingFetcher {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** The caller's say on each hop. */
    interface Hops {
        /** The gate to pass before fetching {@code url}, or null to leave it unfetched (robots). */
        HostGate gate(String url, URI uri) throws InterruptedException;

        /** Validators for a conditional GET of {@code url}. */
        default Fetcher.Validators validators(String url) {
            return Fetcher.Validators.NONE;
        }

        /** Whether the redirect from {@code from} to {@code to} is followed. */
        default boolean follow(String from, String to, int status) {
            return true;
        }

        /** Time spent in one fetch (without waiting for the gate). */
        default void fetched(long nanos) {
        }
    }

    sealed interface Result {
    }

    /** A final answer (anything but a redirect), from {@code url}. */
    record Arrived(String url, Fetcher.Response response) implements Result {
    }

    /** The guard refused {@code url}. */
    record Blocked(String url, String code) implements Result {
    }

    /** {@link Hops#gate} declined {@code url}. */
    record Declined(String url) implements Result {
    }

    /** The walk ended at a redirect: {@code reason} is {@code invalid_redirect}, {@code redirect_loop},
     * {@code too_many_redirects}, or {@code not_followed} when {@link Hops#follow} said no. */
    record Ended(String url, String reason, int status) implements Result {
    }

    private final UrlGuard guard;
    private final Fetcher fetcher;
    private final int maxRedirects;
    private final Duration timeout;
    private final Function<URI, String> authorization;

    RedirectingFetcher(UrlGuard guard, Fetcher fetcher, int maxRedirects, Duration timeout,
            Function<URI, String> authorization) {
        this.guard = guard;
        this.fetcher = fetcher;
        this.maxRedirects = maxRedirects;
        this.timeout = timeout;
        this.authorization = authorization;
    }

    Result get(String start, Hops hops) throws FetchFailure, InterruptedException {
        String url = start;
        Set<String> chain = new HashSet<>();
        chain.add(url);
        int redirects = 0;
        while (true) {
            URI uri;
            try {
                uri = guard.check(url);
            } catch (UrlGuard.BlockedUrlException e) {
                return new Blocked(url, e.code());
            }
            HostGate gate = hops.gate(url, uri);
            if (gate == null) {
                return new Declined(url);
            }
            Fetcher.Validators validators = hops.validators(url);
            gate.acquire();
            long fetchStart = System.nanoTime();
            Fetcher.Response response;
            try {
                response = fetcher.get(uri, validators, authorization.apply(uri), timeout);
            } finally {
                gate.release();
                hops.fetched(System.nanoTime() - fetchStart);
            }
            int status = response.status();
            if (!REDIRECTS.contains(status)) {
                return new Arrived(url, response);
            }
            String location = response.header("Location");
            String next = location == null ? null : UrlNormalizer.resolve(url, location);
            if (next == null) {
                return new Ended(url, "invalid_redirect", status);
            }
            if (!chain.add(next)) {
                return new Ended(url, "redirect_loop", status);
            }
            if (++redirects > maxRedirects) {
                return new Ended(url, "too_many_redirects", status);
            }
            if (!hops.follow(url, next, status)) {
                return new Ended(url, "not_followed", status);
            }
            url = next;
        }
    }
}
