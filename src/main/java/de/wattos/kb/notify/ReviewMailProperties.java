package de.wattos.kb.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wattos.kb.review-mail.*}: the reviewers' digest of crawl changes. A reviewer's pending changes are mailed
 * together once none has been added for {@code quiet} (a crawl run is over) or the oldest has waited {@code max-wait}
 * (a long run still tells them in time); looked for every {@code interval}. A failed sending is retried after
 * {@code interval} × 2^(attempt−1) up to {@code max-attempts}, then recorded as failed (the inbox entries stand).
 * {@code lease}: how long a node keeps a claimed digest before another may send it. {@code max-listed}: changes named
 * in one mail (the rest are counted).
 */
@ConfigurationProperties("wattos.kb.review-mail")
public record ReviewMailProperties(
        @DefaultValue("30s") Duration interval,
        @DefaultValue("2m") Duration quiet,
        @DefaultValue("15m") Duration maxWait,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("50") int maxListed) {
}
