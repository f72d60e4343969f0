package de.wattos.widget.internal;

import de.wattos.platform.ApiException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Per-visitor and per-IP rate limits of the public widget API: local Bucket4j token buckets (greedy refill over
 * an hour), one per widget, subject and capacity. Over the limit answers 429 with {@code Retry-After}. Idle
 * buckets (full again) are dropped regularly, so memory stays bounded by the active visitors.
 */
@Component
class AbuseGuard {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    void consume(String kind, String subject, int perHour, String code, String detail) {
        String key = kind + '|' + subject + '|' + perHour;
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(l -> l.capacity(perHour).refillGreedy(perHour, Duration.ofHours(1))).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw ApiException.tooManyRequests(code, detail, seconds);
        }
        if (buckets.size() > 200_000) {
            evictIdle();
        }
    }

    @Scheduled(fixedDelay = 600_000, initialDelay = 600_000)
    void evictIdle() {
        buckets.entrySet().removeIf(e -> {
            String key = e.getKey();
            long capacity = Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
            return e.getValue().getAvailableTokens() >= capacity;
        });
    }
}
