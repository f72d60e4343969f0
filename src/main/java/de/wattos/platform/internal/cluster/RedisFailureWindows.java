package de.wattos.platform.internal.cluster;

import de.wattos.platform.cluster.FailureWindows;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final LocalFailureWindows local = new LocalFailureWindows();
    private final RedisFallback fallback;

    RedisFailureWindows(StatefulRedisConnection<String, String> connection, RedisProperties properties) {
        this.redis = connection.sync();
        this.prefix = properties.keyPrefix() + "failures:";
        this.fallback = new RedisFallback(properties, log, "Login failures counted in this instance only");
    }

    @Override
    public Window open(String key, Instant now, Duration window) {
        return fallback.call(() -> openShared(key, now, window), () -> local.open(key, now, window));
    }

    @Override
    public Window fail(String key, Instant now, Duration window) {
        return fallback.call(() -> failShared(key, now, window), () -> local.fail(key, now, window));
    }

    @Override
    public void clear(String key) {
        local.clear(key);
        fallback.call(() -> {
            redis.del(prefix + key);
            return null;
        }, () -> null);
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
