package de.wattos.platform.internal.cluster;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Redis first, this process's own form when Redis fails: after a failed command Redis is left alone for
 * {@code cache-retry} (so only one call per interval waits for it), and the failure is logged at most once a minute.
 * Once Redis answers again, calls go to Redis again.
 */
final class RedisFallback {

    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final long retryNanos;
    private final Logger log;
    private final String whatHappens;
    private final AtomicLong redisAgainAt = new AtomicLong(System.nanoTime());
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    /** {@code whatHappens}: the log line's start, e.g. "Rate limits kept in this instance only". */
    RedisFallback(RedisProperties properties, Logger log, String whatHappens) {
        this.retryNanos = properties.cacheRetry().toNanos();
        this.log = log;
        this.whatHappens = whatHappens;
    }

    <T> T call(Supplier<T> onRedis, Supplier<T> inProcess) {
        long now = System.nanoTime();
        if (now - redisAgainAt.get() < 0) {
            return inProcess.get();
        }
        try {
            return onRedis.get();
        } catch (RuntimeException e) {
            redisAgainAt.set(System.nanoTime() + retryNanos);
            long last = lastLogged.get();
            if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
                log.warn("{}, Redis failed: {}", whatHappens, e.toString());
            }
            return inProcess.get();
        }
    }
}
