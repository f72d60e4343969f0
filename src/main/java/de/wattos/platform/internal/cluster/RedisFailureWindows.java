package de.wattos.platform.internal.cluster;

import de.wattos.platform.cluster.FailureWindows;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Failure windows as Redis hashes {@code count, first, last} (epoch milliseconds), updated atomically by a script
 * and expiring when the window closes. The caller's clock decides; Redis only keeps the numbers, so instances
 * agree as long as their clocks do.
 * <p>
 * When Redis fails, the windows are kept in this process instead (as without Redis: each instance counts its own
 * failures, so logins keep working and stay throttled) and Redis is left alone for {@code cache-retry}, so only one
 * attempt per interval waits for the failing command; once Redis answers again it is shared again. Failures
 * counted locally meanwhile stay local.
 */
@Component
@Conditional(RedisMode.On.class)
class RedisFailureWindows implements FailureWindows {

    private static final String FAIL = """
            local now = tonumber(ARGV[1])
            local len = tonumber(ARGV[2])
            local first = tonumber(redis.call('HGET', KEYS[1], 'first'))
            local count
            if (not first) or (first + len < now) then
              first = now
              count = 1
              redis.call('HSET', KEYS[1], 'count', 1, 'first', now, 'last', now)
            else
              count = redis.call('HINCRBY', KEYS[1], 'count', 1)
              redis.call('HSET', KEYS[1], 'last', now)
            end
            redis.call('PEXPIRE', KEYS[1], math.max(1, first + len - now + 1000))
            return {count, first, now}
            """;

    private static final Logger log = LoggerFactory.getLogger(RedisFailureWindows.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final LocalFailureWindows local = new LocalFailureWindows();
    private final long retryNanos;
    private final AtomicLong redisAgainAt = new AtomicLong(System.nanoTime());
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    RedisFailureWindows(StatefulRedisConnection<String, String> connection, RedisProperties properties) {
        this.redis = connection.sync();
        this.prefix = properties.keyPrefix() + "failures:";
        this.retryNanos = properties.cacheRetry().toNanos();
    }

    @Override
    public Window open(String key, Instant now, Duration window) {
        return shared(() -> openShared(key, now, window), () -> local.open(key, now, window));
    }

    @Override
    public Window fail(String key, Instant now, Duration window) {
        return shared(() -> failShared(key, now, window), () -> local.fail(key, now, window));
    }

    @Override
    public void clear(String key) {
        local.clear(key);
        shared(() -> {
            redis.del(prefix + key);
            return null;
        }, () -> null);
    }

    /** Redis unless it failed within the retry interval; on failure this process's windows. */
    private <T> T shared(Supplier<T> onRedis, Supplier<T> inProcess) {
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
                log.warn("Login failures counted in this instance only, Redis failed: {}", e.toString());
            }
            return inProcess.get();
        }
    }

    private Window openShared(String key, Instant now, Duration window) {
        List<String> values = redis.hmget(prefix + key, "count", "first", "last").stream()
                .map(v -> v.getValueOrElse(null)).toList();
        if (values.contains(null)) {
            return null;
        }
        Window open = new Window(Integer.parseInt(values.get(0)), Instant.ofEpochMilli(Long.parseLong(values.get(1))),
                Instant.ofEpochMilli(Long.parseLong(values.get(2))));
        return open.first().plus(window).isBefore(now) ? null : open;
    }

    private Window failShared(String key, Instant now, Duration window) {
        List<Long> result = redis.eval(FAIL, ScriptOutputType.MULTI, new String[] {prefix + key},
                Long.toString(now.toEpochMilli()), Long.toString(window.toMillis()));
        return new Window(result.get(0).intValue(), Instant.ofEpochMilli(result.get(1)), Instant.ofEpochMilli(result.get(2)));
    }

}
