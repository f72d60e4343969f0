package de.wattos.platform.internal.cluster;

import de.wattos.platform.cluster.ClusterSignals;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Signals over Redis pub/sub (channels {@code <prefix>signal:<topic>}): Redis hands each message to every
 * subscribed instance, this one included. While Redis is unreachable a signal is delivered in this process only
 * (and the failure logged at most once a minute); other instances then catch up by their own polling or expiry.
 * Lettuce re-subscribes by itself when the connection comes back.
 */
@Component
@Conditional(RedisMode.On.class)
class RedisClusterSignals implements ClusterSignals, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterSignals.class);

    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final String prefix;
    private final Map<String, List<Consumer<String>>> receivers = new ConcurrentHashMap<>();
    private final AtomicLong lastFailureLogged = new AtomicLong();

    RedisClusterSignals(RedisClient client, StatefulRedisConnection<String, String> connection,
            RedisProperties properties) {
        this.connection = connection;
        this.prefix = properties.keyPrefix() + "signal:";
        this.pubSub = client.connectPubSub();
        this.pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                List<Consumer<String>> forTopic = receivers.get(channel.substring(prefix.length()));
                if (forTopic != null) {
                    // off Lettuce's event loop: a receiver may call Redis itself
                    Thread.ofVirtual().start(() -> LocalClusterSignals.deliver(forTopic, message));
                }
            }
        });
        this.pubSub.sync().psubscribe(prefix + "*");
    }

    @Override
    public void publish(String topic, String message) {
        try {
            connection.sync().publish(prefix + topic, message);
        } catch (RuntimeException e) {
            long now = System.currentTimeMillis();
            long last = lastFailureLogged.get();
            if (now - last > 60_000 && lastFailureLogged.compareAndSet(last, now)) {
                log.warn("Redis unreachable: signal '{}' reaches this instance only ({})", topic, e.toString());
            }
            List<Consumer<String>> forTopic = receivers.get(topic);
            if (forTopic != null) {
                Thread.ofVirtual().start(() -> LocalClusterSignals.deliver(forTopic, message));
            }
        }
    }

    @Override
    public AutoCloseable subscribe(String topic, Consumer<String> receiver) {
        List<Consumer<String>> forTopic = receivers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        forTopic.add(receiver);
        return () -> forTopic.remove(receiver);
    }

    @Override
    public void destroy() {
        pubSub.close();
    }
}
