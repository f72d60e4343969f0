package de.wattos.widget.internal;

import de.wattos.platform.ApiException;
import de.wattos.platform.cluster.RateBuckets;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Per-visitor and per-IP rate limits of the public widget API: token buckets (greedy refill over an hour), one per
 * widget, subject and capacity, shared by all instances in production mode. Over the limit answers 429 with
 * {@code Retry-After}.
 */
@Component
public class AbuseGuard {

    private final RateBuckets buckets;

    AbuseGuard(RateBuckets buckets) {
        this.buckets = buckets;
    }

    public void consume(String kind, String subject, int perHour, String code, String detail) {
        RateBuckets.Probe probe = buckets.tryConsume("widget|" + kind + '|' + subject, perHour, Duration.ofHours(1));
        if (!probe.consumed()) {
            throw ApiException.tooManyRequests(code, detail, probe.retryAfterSeconds());
        }
    }
}
