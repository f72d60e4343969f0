package de.wattos.platform.internal.cluster;

import de.wattos.platform.cluster.SharedCache;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The shared cache in Redis, on production mode's one connection. A scope's generation is the counter
 * {@code <prefix>cache:<scope>:gen} (no expiry: one small key per scope, so a generation never repeats); entries are
 * {@code <prefix>cache:<scope>:<generation>:<key>} with the caller's expiry. A lookup reads both in one script.
 *
 * <p>While Lettuce is re-establishing the connection, Redis is not asked at all. Every command waits at most
 * {@code cache-timeout}; a command that fails or times out leaves Redis alone for {@code cache-retry}, so while Redis
 * is down or slow at most one request per retry interval pays the timeout. An invalidation that could not be sent is kept and sent before this instance
 * reads from Redis again (and by a retry every second), so no instance keeps serving an entry that another instance
 * dropped while Redis was away for longer than that second.
 */
@Component
@Conditional(RedisMode.On.class)
class RedisSharedCache implements SharedCache {

    private static final Logger log = LoggerFactory.getLogger(RedisSharedCache.class);
    private static final String LOOKUP = """
            local g = redis.call('GET', KEYS[1]) or '0'
            local v = redis.call('GET', ARGV[1] .. g .. ':' .. ARGV[2])
            if v then return {g, v} end
            return {g}
            """;

    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;
    private final long timeoutNanos;
    private final long retryNanos;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(1));
    private volatile boolean down;
    private volatile long retryAt;

    RedisSharedCache(StatefulRedisConnection<String, String> connection, RedisProperties properties) {
        this.connection = connection;
        this.prefix = properties.keyPrefix() + "cache:";
        this.timeoutNanos = properties.cacheTimeout().toNanos();
        this.retryNanos = properties.cacheRetry().toNanos();
    }

    @Override
    public Lookup lookup(String scope, String key) {
        if (!available()) {
            return null;
        }
        try {
            List<Object> result = await(connection.async().eval(LOOKUP, ScriptOutputType.MULTI,
                    new String[] {generationKey(scope)}, prefix + scope + ':', key));
            return new Lookup(Long.parseLong((String) result.get(0)), result.size() > 1 ? (String) result.get(1) : null);
        } catch (RuntimeException | TimeoutException | ExecutionException e) {
            failed(e);
            return null;
        }
    }

    @Override
    public void store(String scope, Lookup seen, String key, String value, Duration ttl) {
        if (seen == null || !ttl.isPositive() || !available()) {
            return;
        }
        try {
            await(connection.async().set(prefix + scope + ':' + seen.generation() + ':' + key, value,
                    SetArgs.Builder.px(ttl.toMillis())));
        } catch (RuntimeException | TimeoutException | ExecutionException e) {
            failed(e);
        }
    }

    @Override
    public void invalidate(String scope) {
        pending.add(scope);
        flush();
    }

    /** Sends invalidations kept while Redis was away (the next lookup would, too; this also covers idle nodes). */
    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void retryPending() {
        if (!pending.isEmpty()) {
            flush();
        }
    }

    /** Whether Redis may be asked now: reachable as far as we know, and no invalidation of ours left unsent. */
    private boolean available() {
        if (!connection.isOpen()) {
            // costs nothing to check: Redis is used again as soon as Lettuce has reconnected
            down = true;
            warn(new IllegalStateException("connection to Redis lost, reconnecting"));
            return false;
        }
        if (down && System.nanoTime() - retryAt < 0) {
            return false;
        }
        return flush();
    }

    /** Increments the generations of every pending scope; false if Redis failed (the rest stays pending). */
    private boolean flush() {
        if (down && System.nanoTime() - retryAt < 0 || !connection.isOpen()) {
            return false;
        }
        for (String scope : List.copyOf(pending)) {
            // removed before the increment: an invalidation arriving meanwhile is added again and sent again
            if (pending.remove(scope)) {
                try {
                    await(connection.async().incr(generationKey(scope)));
                } catch (RuntimeException | TimeoutException | ExecutionException e) {
                    pending.add(scope);
                    failed(e);
                    return false;
                }
            }
        }
        if (down) {
            down = false;
            log.info("Shared cache: Redis answers again; cached answers are shared again");
        }
        return true;
    }

    private String generationKey(String scope) {
        return prefix + scope + ":gen";
    }

    private <T> T await(RedisFuture<T> future) throws TimeoutException, ExecutionException {
        try {
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void failed(Exception e) {
        retryAt = System.nanoTime() + retryNanos;
        down = true;
        warn(e);
    }

    private void warn(Exception e) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= TimeUnit.MINUTES.toNanos(1) && lastLogged.compareAndSet(last, now)) {
            log.warn("Shared cache: Redis failed, each instance uses its own cache meanwhile ({})", e.toString());
        }
    }
}
