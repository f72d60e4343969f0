package de.wattos.analytics.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.springframework.stereotype.Component;

/**
 * Request latency per endpoint ({@code GET /api/v1/tenants/{tenant}/analytics}) since start, platform-wide and per
 * tenant, in fixed buckets, so p50 and p95 are exact to the bucket width and recording is one atomic increment.
 * The number of tenants tracked is bounded; endpoints are the application's mappings, so they are bounded anyway.
 */
@Component
public class EndpointLatencies {

    /** Finer than the answer-time buckets: most API calls take milliseconds, not seconds. */
    static final long[] BOUNDS = {1, 2, 5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1_000, 1_500, 2_000, 3_000,
            5_000, 10_000, 30_000};
    static final int MAX_TENANTS = 5_000;

    /** One endpoint's figures. */
    public record Latency(long requests, Long p50Ms, Long p95Ms) {
    }

    private final Map<String, AtomicLongArray> platform = new ConcurrentHashMap<>();
    private final Map<UUID, Map<String, AtomicLongArray>> tenants = new ConcurrentHashMap<>();

    public void record(String endpoint, UUID tenant, long millis) {
        int bucket = bucketOf(millis);
        platform.computeIfAbsent(endpoint, e -> new AtomicLongArray(BOUNDS.length + 1)).incrementAndGet(bucket);
        if (tenant != null && (tenants.size() < MAX_TENANTS || tenants.containsKey(tenant))) {
            tenants.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>())
                    .computeIfAbsent(endpoint, e -> new AtomicLongArray(BOUNDS.length + 1)).incrementAndGet(bucket);
        }
    }

    public Map<String, Latency> platform() {
        return summary(platform);
    }

    public Map<String, Latency> tenant(UUID tenant) {
        return summary(tenants.getOrDefault(tenant, Map.of()));
    }

    private static Map<String, Latency> summary(Map<String, AtomicLongArray> histograms) {
        Map<String, Latency> out = new TreeMap<>();
        histograms.forEach((endpoint, h) -> {
            long[] counts = new long[h.length()];
            long total = 0;
            for (int i = 0; i < counts.length; i++) {
                counts[i] = h.get(i);
                total += counts[i];
            }
            out.put(endpoint, new Latency(total, LatencyHistogram.percentile(BOUNDS, counts, 0.5),
                    LatencyHistogram.percentile(BOUNDS, counts, 0.95)));
        });
        return out;
    }

    static int bucketOf(long ms) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (ms < BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length;
    }
}
