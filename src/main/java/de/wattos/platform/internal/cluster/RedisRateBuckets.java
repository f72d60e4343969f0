package de.wattos.platform.internal.cluster;

import de.wattos.platform.cluster.RateBuckets;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Token buckets in Redis (Bucket4j's compare-and-swap proxy over Lettuce), so every instance draws from the same
 * bucket. A bucket's key expires once it would be full again.
 * <p>
 * When Redis fails, the buckets are kept in this process instead (as without Redis: each instance limits on its own,
 * so a limit that cannot be shared never turns into an error for the citizen, nor into no limit at all), Redis is
 * left alone for {@code cache-retry} so only one request per interval waits for the failing command, and the failure
 * is logged at most once a minute. Once Redis answers again the buckets are shared again.
 */
@Component
@Conditional(RedisMode.On.class)
class RedisRateBuckets implements RateBuckets, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisRateBuckets.class);

    private final StatefulRedisConnection<String, byte[]> connection;
    private final ProxyManager<String> buckets;
    private final String prefix;
    private final LocalRateBuckets local = new LocalRateBuckets();
    private final RedisFallback fallback;

    RedisRateBuckets(RedisClient client, RedisProperties properties) {
        this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .requestTimeout(properties.commandTimeout())
                .build();
        this.prefix = properties.keyPrefix() + "bucket:";
        this.fallback = new RedisFallback(properties, log, "Rate limits kept in this instance only");
    }

    @Override
    public Probe tryConsume(String key, long capacity, Duration refillPeriod) {
        String redisKey = prefix + key + '|' + capacity + '|' + refillPeriod.toMillis();
        return fallback.call(() -> {
            ConsumptionProbe probe = buckets.getProxy(redisKey, () -> BucketConfiguration.builder()
                    .addLimit(l -> l.capacity(capacity).refillGreedy(capacity, refillPeriod)).build())
                    .tryConsumeAndReturnRemaining(1);
            return new Probe(probe.isConsumed(), probe.getRemainingTokens(), probe.getNanosToWaitForRefill());
        }, () -> local.tryConsume(key, capacity, refillPeriod));
    }

    @Override
    public void destroy() {
        connection.close();
    }
}
