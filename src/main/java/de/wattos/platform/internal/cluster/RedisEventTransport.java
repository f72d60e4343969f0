package de.wattos.platform.internal.cluster;

import de.wattos.platform.TenantContext;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventTransport;
import de.wattos.platform.internal.events.EventBusProperties;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event log on Redis Streams, one stream per tenant ({@code <prefix>events:<tenant>}, platform events in
 * {@code <prefix>events:platform}), stream ids as cursors.
 * An append is idempotent by event id (a marker key lives as long as the retention window) and is announced on a
 * pub/sub channel, so live subscribers on every instance read it at once instead of at their next poll.
 */
@Component
@Conditional(RedisMode.On.class)
class RedisEventTransport implements EventTransport, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisEventTransport.class);
    /** Where events of no tenant (platform administration) are kept; no tenant subscriber reads them. */
    private static final String PLATFORM = "platform";
    private static final Pattern STREAM_ID = Pattern.compile("\\d{1,19}(-\\d{1,19})?");

    private final RedisCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final JsonMapper json;
    private final RedisProperties properties;
    private final EventBusProperties bus;
    private final String prefix;
    private final String channel;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    RedisEventTransport(RedisClient client, StatefulRedisConnection<String, String> connection, JsonMapper json,
            RedisProperties properties, EventBusProperties bus) {
        this.redis = connection.sync();
        this.json = json;
        this.properties = properties;
        this.bus = bus;
        this.prefix = properties.keyPrefix() + "events:";
        this.channel = prefix + "appended";
        this.pubSub = client.connectPubSub();
        this.pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                wake();
            }
        });
        this.pubSub.sync().subscribe(channel);
    }

    @Override
    public void append(DomainEvent event) {
        String marker = prefix + "id:" + event.id();
        String owner = event.tenantId() == null ? PLATFORM : event.tenantId().toString();
        // registered first (idempotent), so pruning knows every stream an event may have reached
        redis.sadd(prefix + "tenants", owner);
        if (redis.set(marker, "1", SetArgs.Builder.nx().px(bus.retention().toMillis())) == null) {
            return;
        }
        try {
            redis.xadd(prefix + owner, XAddArgs.Builder.maxlen(properties.eventStreamMax()).approximateTrimming(),
                    Map.of("envelope", json.writeValueAsString(event)));
        } catch (RuntimeException notLogged) {
            // the marker claims the event is logged: without this, the relay's retry would skip it and it is lost
            try {
                redis.del(marker);
            } catch (RuntimeException alsoFailed) {
                notLogged.addSuppressed(alsoFailed);
            }
            throw notLogged;
        }
        redis.publish(channel, owner);
    }

    @Override
    public List<Entry> readAfter(UUID tenantId, String cursor, int limit) {
        requireScope(tenantId);
        Range.Boundary<String> lower = cursor == null || !STREAM_ID.matcher(cursor.strip()).matches()
                ? Range.Boundary.unbounded() : Range.Boundary.excluding(cursor.strip());
        List<StreamMessage<String, String>> messages = redis.xrange(stream(tenantId),
                Range.from(lower, Range.Boundary.unbounded()), Limit.from(limit));
        return messages.stream()
                .map(m -> new Entry(m.getId(), json.readValue(m.getBody().get("envelope"), DomainEvent.class)))
                .filter(e -> tenantId.equals(e.event().tenantId()))
                .toList();
    }

    @Override
    public String head(UUID tenantId) {
        requireScope(tenantId);
        List<StreamMessage<String, String>> newest = redis.xrevrange(stream(tenantId), Range.unbounded(), Limit.from(1));
        return newest.isEmpty() ? null : newest.getFirst().getId();
    }

    @Override
    public AutoCloseable onAppend(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public int pruneBefore(Instant instant) {
        long removed = 0;
        for (String tenant : redis.smembers(prefix + "tenants")) {
            removed += redis.xtrim(prefix + tenant, XTrimArgs.Builder.minId(Long.toString(instant.toEpochMilli())));
        }
        if (removed > 0) {
            log.debug("Pruned {} events logged before {}", removed, instant);
        }
        return (int) Math.min(Integer.MAX_VALUE, removed);
    }

    @Override
    public void destroy() {
        pubSub.close();
    }

    private void wake() {
        listeners.forEach(Runnable::run);
    }

    private String stream(UUID tenantId) {
        return prefix + tenantId;
    }

    private static void requireScope(UUID tenantId) {
        if (!TenantContext.currentId().equals(tenantId)) {
            throw new IllegalStateException("event log read for another tenant than the bound one");
        }
    }
}
