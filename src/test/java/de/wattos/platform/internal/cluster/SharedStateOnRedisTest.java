package de.wattos.platform.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.platform.cluster.FailureWindows;
import de.wattos.platform.cluster.RateBuckets;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.EventTransport;
import de.wattos.platform.internal.events.EventBusProperties;
import de.wattos.support.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Production mode's shared state against a real redis-server: two "instances" (each its own Lettuce client, as two
 * processes would have) see one bucket, one failure window and one event log.
 */
class SharedStateOnRedisTest {

    private static RedisServer redis;
    private static final List<AutoCloseable> opened = new ArrayList<>();
    private static RedisProperties properties;
    private static final EventBusProperties BUS = new EventBusProperties(Duration.ofDays(7), Duration.ofSeconds(10),
            Duration.ofSeconds(2), Duration.ofMinutes(30), Duration.ofSeconds(30), Duration.ofSeconds(5));

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
        properties = new RedisProperties(redis.url(), "wattos-test:", Duration.ofSeconds(2), 1000, Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    @AfterAll
    static void stopRedis() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        redis.close();
    }

    /** One instance's view: its own client and connection, as a separate process would have. */
    private record Node(RedisClient client, StatefulRedisConnection<String, String> connection) {
    }

    private static Node node() {
        RedisClient client = new RedisConfiguration().wattosRedisClient(properties);
        StatefulRedisConnection<String, String> connection = client.connect();
        opened.add(client::shutdown);
        opened.add(connection::close);
        return new Node(client, connection);
    }

    @Test
    void twoInstancesDrawFromOneBucket() {
        RedisRateBuckets a = new RedisRateBuckets(node().client(), properties);
        RedisRateBuckets b = new RedisRateBuckets(node().client(), properties);
        opened.add(a::destroy);
        opened.add(b::destroy);
        String key = "visitor|" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(a.tryConsume(key, 5, Duration.ofHours(1)).consumed()).isTrue();
        }
        assertThat(b.tryConsume(key, 5, Duration.ofHours(1)).remaining()).as("b sees a's three tokens taken").isEqualTo(1);
        assertThat(b.tryConsume(key, 5, Duration.ofHours(1)).consumed()).isTrue();
        RateBuckets.Probe refused = a.tryConsume(key, 5, Duration.ofHours(1));
        assertThat(refused.consumed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 3600L);
        assertThat(b.tryConsume("visitor|" + UUID.randomUUID(), 5, Duration.ofHours(1)).consumed())
                .as("another key has its own bucket").isTrue();
    }

    @Test
    void bucketsBehaveTheSameInProcess() {
        LocalRateBuckets local = new LocalRateBuckets();
        for (int i = 0; i < 5; i++) {
            assertThat(local.tryConsume("k", 5, Duration.ofHours(1)).consumed()).isTrue();
        }
        assertThat(local.tryConsume("k", 5, Duration.ofHours(1)).retryAfterSeconds()).isBetween(1L, 3600L);
    }

    @Test
    void failureWindowsAreSharedAndCloseOnTime() {
        FailureWindows a = new RedisFailureWindows(node().connection(), properties);
        FailureWindows b = new RedisFailureWindows(node().connection(), properties);
        assertWindowContract(a, b);
    }

    @Test
    void failureWindowsInProcessFollowTheSameContract() {
        LocalFailureWindows local = new LocalFailureWindows();
        assertWindowContract(local, local);
    }

    private static void assertWindowContract(FailureWindows a, FailureWindows b) {
        String key = "acct:" + UUID.randomUUID();
        Duration window = Duration.ofMinutes(15);
        Instant t0 = Instant.parse("2026-12-02T10:00:00Z");
        assertThat(a.open(key, t0, window)).isNull();
        a.fail(key, t0, window);
        b.fail(key, t0.plusSeconds(10), window);
        FailureWindows.Window seen = a.open(key, t0.plusSeconds(20), window);
        assertThat(seen.count()).isEqualTo(2);
        assertThat(seen.first()).isEqualTo(t0);
        assertThat(seen.last()).isEqualTo(t0.plusSeconds(10));
        assertThat(b.open(key, t0.plus(window).plusSeconds(1), window)).as("closed after the window").isNull();
        assertThat(b.fail(key, t0.plus(window).plusSeconds(1), window).count()).as("a closed window starts again").isEqualTo(1);
        a.clear(key);
        assertThat(b.open(key, t0.plus(window).plusSeconds(2), window)).isNull();
    }

    @Test
    void theEventLogIsOneLogForAllInstancesAndWakesTheirSubscribers() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        Node first = node();
        Node second = node();
        RedisEventTransport a = new RedisEventTransport(first.client(), first.connection(), json, properties, BUS);
        RedisEventTransport b = new RedisEventTransport(second.client(), second.connection(), json, properties, BUS);
        opened.add(a::destroy);
        opened.add(b::destroy);
        TenantRef tenant = new TenantRef(UUID.randomUUID(), "t-" + UUID.randomUUID(), "de", ZoneId.of("Europe/Berlin"));
        TenantRef other = new TenantRef(UUID.randomUUID(), "o-" + UUID.randomUUID(), "de", ZoneId.of("Europe/Berlin"));

        CountDownLatch woken = new CountDownLatch(1);
        try (AutoCloseable subscription = b.onAppend(woken::countDown)) {
            DomainEvent created = event(tenant, "document.indexed");
            a.append(created);
            a.append(created);
            b.append(created);
            assertThat(woken.await(10, TimeUnit.SECONDS)).as("b's subscriber is woken by a's append").isTrue();
            DomainEvent second2 = event(tenant, "crawl.finished");
            b.append(second2);
            a.append(event(other, "document.indexed"));
            a.append(DomainEvent.of(null, EventDomain.PLATFORM, "tenant.created", DomainEvent.Subject.of("tenant", other.id()),
                    Map.of()));

            List<EventTransport.Entry> all = TenantContext.callAs(tenant, () -> a.readAfter(tenant.id(), null, 10));
            assertThat(all).extracting(e -> e.event().id()).as("each event once, in order, only this tenant's")
                    .containsExactly(created.id(), second2.id());
            assertThat(TenantContext.callAs(tenant, () -> b.readAfter(tenant.id(), all.getFirst().cursor(), 10)))
                    .extracting(e -> e.event().type()).containsExactly("crawl.finished");
            assertThat(TenantContext.callAs(tenant, () -> b.head(tenant.id()))).isEqualTo(all.getLast().cursor());
            assertThat(TenantContext.callAs(tenant, () -> b.readAfter(tenant.id(), "not-a-cursor", 10)))
                    .as("a foreign cursor reads from the start of the window").hasSize(2);
            assertThatThrownBy(() -> TenantContext.callAs(other, () -> a.readAfter(tenant.id(), null, 10)))
                    .isInstanceOf(IllegalStateException.class);

            assertThat(a.pruneBefore(Instant.now().plusSeconds(60))).isGreaterThanOrEqualTo(2);
            assertThat(TenantContext.callAs(tenant, () -> a.readAfter(tenant.id(), null, 10))).isEmpty();
        }
    }

    @Test
    void anEventWhoseStreamWriteFailedIsLoggedWhenAppendedAgain() throws Exception {
        Node node = node();
        RedisEventTransport transport = new RedisEventTransport(node.client(), node.connection(),
                JsonMapper.builder().build(), properties, BUS);
        opened.add(transport::destroy);
        TenantRef tenant = new TenantRef(UUID.randomUUID(), "f-" + UUID.randomUUID(), "de", ZoneId.of("Europe/Berlin"));
        String stream = properties.keyPrefix() + "events:" + tenant.id();
        // a key of the wrong type makes Redis refuse the XADD itself (WRONGTYPE), after the marker was set
        node.connection().sync().set(stream, "not a stream");
        DomainEvent event = event(tenant, "document.indexed");

        assertThatThrownBy(() -> transport.append(event)).hasMessageContaining("WRONGTYPE");

        node.connection().sync().del(stream);
        transport.append(event);
        assertThat(TenantContext.callAs(tenant, () -> transport.readAfter(tenant.id(), null, 10)))
                .as("the retried append is logged, once").extracting(e -> e.event().id()).containsExactly(event.id());
        transport.append(event);
        assertThat(TenantContext.callAs(tenant, () -> transport.readAfter(tenant.id(), null, 10))).hasSize(1);
    }

    @Test
    void aSignalReachesEveryInstanceAndStaysLocalWhileRedisIsDown() throws Exception {
        Node first = node();
        Node second = node();
        RedisClusterSignals a = new RedisClusterSignals(first.client(), first.connection(), properties);
        RedisClusterSignals b = new RedisClusterSignals(second.client(), second.connection(), properties);
        opened.add(a::destroy);
        opened.add(b::destroy);
        List<String> onA = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> onB = new java.util.concurrent.CopyOnWriteArrayList<>();
        a.subscribe("chat.stop", onA::add);
        AutoCloseable subscription = b.subscribe("chat.stop", onB::add);
        b.subscribe("other", m -> onB.add("wrong topic: " + m));

        a.publish("chat.stop", "tenant|message");
        awaitUntil(() -> onA.size() == 1 && onB.size() == 1);
        assertThat(onB).containsExactly("tenant|message");
        assertThat(onA).as("the sender's own subscribers hear it too").containsExactly("tenant|message");

        subscription.close();
        a.publish("chat.stop", "second");
        awaitUntil(() -> onA.size() == 2);
        assertThat(onB).as("closed subscription").hasSize(1);

    }

    @Test
    void whileRedisIsDownASignalStaysOnItsInstanceAndAfterwardsReachesAllAgain() throws Exception {
        RedisServer own = RedisServer.start();
        RedisServer restarted = null;
        try {
            RedisProperties ownProperties = new RedisProperties(own.url(), "wattos-test:", Duration.ofSeconds(1), 1000, Duration.ofMillis(200), Duration.ofSeconds(1));
            List<RedisClusterSignals> instances = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                RedisClient client = new RedisConfiguration().wattosRedisClient(ownProperties);
                StatefulRedisConnection<String, String> connection = client.connect();
                instances.add(new RedisClusterSignals(client, connection, ownProperties));
                opened.add(client::shutdown);
                opened.add(connection::close);
            }
            RedisClusterSignals a = instances.get(0);
            RedisClusterSignals b = instances.get(1);
            opened.add(a::destroy);
            opened.add(b::destroy);
            List<String> onA = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<String> onB = new java.util.concurrent.CopyOnWriteArrayList<>();
            a.subscribe("crawl.cancel", onA::add);
            b.subscribe("crawl.cancel", onB::add);

            own.close();
            a.publish("crawl.cancel", "during the outage");
            awaitUntil(() -> onA.contains("during the outage"));

            restarted = RedisServer.start(own.port());
            awaitUntil(() -> {
                a.publish("crawl.cancel", "after");
                return onB.contains("after");
            });
            assertThat(onB).as("b heard nothing while Redis was down").doesNotContain("during the outage");
        } finally {
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    /** Login failures: counted in the instance while Redis is down (logins neither fail nor go unthrottled), shared again after. */
    @Test
    void whileRedisIsDownLoginFailuresAreCountedInTheInstanceAndAfterwardsSharedAgain() throws Exception {
        RedisServer own = RedisServer.start();
        RedisServer restarted = null;
        try {
            RedisProperties ownProperties = new RedisProperties(own.url(), "wattos-test:", Duration.ofMillis(500), 1000,
                    Duration.ofMillis(200), Duration.ofMillis(300));
            List<FailureWindows> instances = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                RedisClient client = new RedisConfiguration().wattosRedisClient(ownProperties);
                StatefulRedisConnection<String, String> connection = client.connect();
                instances.add(new RedisFailureWindows(connection, ownProperties));
                opened.add(client::shutdown);
                opened.add(connection::close);
            }
            FailureWindows a = instances.get(0);
            FailureWindows b = instances.get(1);
            Duration window = Duration.ofMinutes(15);
            Instant t0 = Instant.now();

            own.close();
            String outage = "acct:" + UUID.randomUUID();
            a.fail(outage, t0, window);
            a.fail(outage, t0.plusSeconds(1), window);
            assertThat(a.open(outage, t0.plusSeconds(2), window).count()).as("counted in a").isEqualTo(2);
            assertThat(b.open(outage, t0.plusSeconds(2), window)).as("b cannot see a's count").isNull();

            restarted = RedisServer.start(own.port());
            String after = "acct:" + UUID.randomUUID();
            awaitUntil(() -> {
                a.clear(after);
                a.fail(after, t0.plusSeconds(3), window);
                FailureWindows.Window seen = b.open(after, t0.plusSeconds(4), window);
                return seen != null && seen.count() == 1;
            });
        } finally {
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    /**
     * Rate limits while Redis is down: each instance limits on its own (neither an error nor unlimited), without
     * waiting for Redis on every request; once Redis answers the instances draw from one bucket again.
     */
    @Test
    void whileRedisIsDownRateLimitsHoldPerInstanceAndAfterwardsAreSharedAgain() throws Exception {
        RedisServer own = RedisServer.start();
        RedisServer restarted = null;
        try {
            RedisProperties ownProperties = new RedisProperties(own.url(), "wattos-test:", Duration.ofMillis(500), 1000,
                    Duration.ofMillis(200), Duration.ofMillis(300));
            RedisRateBuckets a = new RedisRateBuckets(new RedisConfiguration().wattosRedisClient(ownProperties), ownProperties);
            RedisRateBuckets b = new RedisRateBuckets(new RedisConfiguration().wattosRedisClient(ownProperties), ownProperties);
            opened.add(a::destroy);
            opened.add(b::destroy);

            own.close();
            String outage = "visitor|" + UUID.randomUUID();
            long started = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                assertThat(a.tryConsume(outage, 3, Duration.ofHours(1)).consumed()).as("token %d on a", i).isTrue();
            }
            RateBuckets.Probe refused = a.tryConsume(outage, 3, Duration.ofHours(1));
            assertThat(refused.consumed()).as("a keeps limiting while Redis is down").isFalse();
            assertThat(refused.retryAfterSeconds()).isBetween(1L, 3600L);
            for (int i = 0; i < 50; i++) {
                a.tryConsume("visitor|" + UUID.randomUUID(), 3, Duration.ofHours(1));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("54 checks do not each wait for the failing Redis (at most one per retry interval does)")
                    .isLessThan(Duration.ofSeconds(4));
            assertThat(b.tryConsume(outage, 3, Duration.ofHours(1)).consumed())
                    .as("b has its own bucket meanwhile").isTrue();

            restarted = RedisServer.start(own.port());
            awaitUntil(() -> {
                String after = "visitor|" + UUID.randomUUID();
                return a.tryConsume(after, 1000, Duration.ofHours(1)).remaining() == 999
                        && b.tryConsume(after, 1000, Duration.ofHours(1)).remaining() == 998;
            });
        } finally {
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static DomainEvent event(TenantRef tenant, String type) {
        return DomainEvent.of(tenant.id(), EventDomain.KNOWLEDGE, type,
                DomainEvent.Subject.of("document", UUID.randomUUID()), Map.of("title", "Müllabfuhr 2027"));
    }
}
