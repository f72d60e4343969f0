package de.wattos.platform.internal.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Production mode's Redis ({@code wattos.redis.*}, env {@code WATTOS_REDIS_*}).
 *
 * @param url             {@code redis://[user:password@]host:port[/db]} or {@code rediss://…}; blank keeps all shared
 *                        state in this process (the embedded default)
 * @param keyPrefix       prefix of every key WattOS writes, so several installations can share one Redis
 * @param commandTimeout  a Redis command that takes longer fails (rate limits then let the request through)
 * @param eventStreamMax  events kept per tenant stream at most (approximate trimming), besides the retention window
 * @param cacheTimeout    longest wait for the shared cache (dashboards); slower or unreachable Redis: the local cache
 *                        answers instead, and Redis is tried again after {@code cacheRetry}
 * @param cacheRetry      how long the shared cache is left alone after Redis failed
 */
@ConfigurationProperties("wattos.redis")
public record RedisProperties(@DefaultValue("") String url, @DefaultValue("wattos:") String keyPrefix,
        @DefaultValue("2s") Duration commandTimeout, @DefaultValue("100000") long eventStreamMax,
        @DefaultValue("200ms") Duration cacheTimeout, @DefaultValue("1s") Duration cacheRetry) {
}
