package de.wattos.analytics.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A small local cache whose entries expire after a fixed time (dashboards 5 min, metrics 1 min). Bounded: when
 * full, expired entries go first and then everything, which is fine for answers that are cheap to recompute.
 */
final class ExpiringCache<K, V> {

    private record Entry<V>(V value, Instant expires) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;

    ExpiringCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    V get(K key, Supplier<V> compute) {
        Instant now = clock.instant();
        Entry<V> e = entries.get(key);
        if (e != null && e.expires().isAfter(now)) {
            return e.value();
        }
        V value = compute.get();
        if (ttl.isPositive()) {
            if (entries.size() >= maxEntries) {
                entries.values().removeIf(x -> !x.expires().isAfter(now));
                if (entries.size() >= maxEntries) {
                    entries.clear();
                }
            }
            entries.put(key, new Entry<>(value, now.plus(ttl)));
        }
        return value;
    }

    void clear() {
        entries.clear();
    }
}
