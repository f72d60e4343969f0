package de.wattos.platform.cluster;

import java.time.Duration;

/**
 * Token buckets by key: {@code capacity} tokens, refilled greedily over {@code refillPeriod}. One key always
 * names the same bucket on every instance that shares this state.
 */
public interface RateBuckets {

    /** The outcome of one attempt to take a token. */
    record Probe(boolean consumed, long remaining, long nanosToWait) {

        /** Whole seconds until a token is available again (at least 1 when refused). */
        public long retryAfterSeconds() {
            return consumed ? 0 : Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        }
    }

    /** Takes one token from the key's bucket if there is one. */
    Probe tryConsume(String key, long capacity, Duration refillPeriod);
}
