package de.wattos.platform.internal.cluster;

import de.wattos.platform.cluster.RateBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Conditional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * In-process token buckets (Bucket4j). Buckets that are full again are dropped regularly, so memory stays bounded
 * by the keys active within one refill period.
 */
@Component
@Conditional(RedisMode.Off.class)
class LocalRateBuckets implements RateBuckets {

    private static final int EVICT_ABOVE = 200_000;

    private record Held(Bucket bucket, long capacity) {
    }

    private final Map<String, Held> buckets = new ConcurrentHashMap<>();

    @Override
    public Probe tryConsume(String key, long capacity, Duration refillPeriod) {
        Held held = buckets.computeIfAbsent(key + '|' + capacity + '|' + refillPeriod.toMillis(), k -> new Held(
                Bucket.builder().addLimit(l -> l.capacity(capacity).refillGreedy(capacity, refillPeriod)).build(), capacity));
        ConsumptionProbe probe = held.bucket().tryConsumeAndReturnRemaining(1);
        if (buckets.size() > EVICT_ABOVE) {
            evictFull();
        }
        return new Probe(probe.isConsumed(), probe.getRemainingTokens(), probe.getNanosToWaitForRefill());
    }

    @Scheduled(fixedDelay = 600_000, initialDelay = 600_000)
    void evictFull() {
        buckets.values().removeIf(h -> h.bucket().getAvailableTokens() >= h.capacity());
    }
}
