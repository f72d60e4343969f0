package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.WattosApplication;
import de.wattos.platform.Role;
import de.wattos.platform.events.DomainEvents;
import de.wattos.support.PostgresServer;
import de.wattos.support.RedisServer;
import de.wattos.support.TestApi;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16, "a dashboard cache invalidated on both": two WattOS nodes (application contexts with their own data dirs)
 * on one PostgreSQL and one real redis-server share the KPI cache. An answer cached through node a is served by
 * node b (the rollups are changed behind the cache's back to tell the two apart); an event ingested on node b drops
 * it for node a; another tenant never gets it; the business figures of {@code /api/v1/metrics} are computed once for
 * both. Redis stopped: both nodes keep answering, quickly, from their own
 * caches; Redis back on its port: shared again.
 */
class SharedKpiCacheOnRedisTest {

    private static final String PERIOD = "from=2026-11-01&to=2026-11-30&granularity=day";

    @TempDir
    Path work;

    @Test
    void twoNodesShareTheKpiCacheAndItsInvalidationAndFallBackToTheirOwnWhileRedisIsDown() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            RedisServer redis = RedisServer.start();
            int redisPort = redis.port();
            String[] shared = {"--wattos.db.url=" + postgres.jdbcUrl(), "--wattos.db.user=" + postgres.user(),
                    "--wattos.redis.url=" + redis.url(), "--wattos.auth.jwt-secret=" + randomKey(),
                    "--wattos.secrets.master-key=" + randomKey()};
            try (ConfigurableApplicationContext a = start(work.resolve("a"), shared);
                    ConfigurableApplicationContext b = start(work.resolve("b"), shared);
                    RedisClient client = RedisClient.create(redis.url());
                    StatefulRedisConnection<String, String> inspect = client.connect()) {
                TestApi apiA = new TestApi(port(a));
                TestApi apiB = new TestApi(port(b));
                TestApi.Tenant tenant = apiA.createTenant();
                TestApi.Tenant other = apiA.createTenant();
                String viewerA = apiA.userToken(tenant.slug(), Role.VIEWER);
                String viewerB = apiB.userToken(tenant.slug(), Role.VIEWER);
                String otherViewer = apiB.userToken(other.slug(), Role.VIEWER);
                AnalyticsTraffic onB = new AnalyticsTraffic(b.getBean(DomainEvents.class), b.getBean(JdbcClient.class),
                        tenant.id());
                JdbcClient db = a.getBean(JdbcClient.class);
                String path = "/api/v1/tenants/" + tenant.slug() + "/analytics?" + PERIOD;

                onB.conversation(Instant.parse("2026-11-10T09:00:00Z"), "widget", null, "v1");
                assertThat(conversations(apiA, path, viewerA)).isEqualTo(1);
                assertThat(inspect.sync().keys("wattos:cache:kpi:" + tenant.id() + ":*"))
                        .as("a's answer is in Redis under the tenant's scope").isNotEmpty();
                addBehindTheCache(db, tenant.id(), 10);
                assertThat(conversations(apiB, path, viewerB)).as("b serves a's cached answer, not the changed rollups")
                        .isEqualTo(1);
                assertThat(conversations(apiB, "/api/v1/tenants/" + other.slug() + "/analytics?" + PERIOD, otherViewer))
                        .as("another tenant's same query is its own").isZero();

                // /api/v1/metrics: the all-tenant business figures are computed once for both nodes
                new AnalyticsTraffic(b.getBean(DomainEvents.class), b.getBean(JdbcClient.class), other.id())
                        .conversation(Instant.now(), "widget", null, "m1");
                long computedOnA = conversations24h(apiA);
                assertThat(computedOnA).isPositive();
                assertThat(db.sql("update analytics_hourly set conversations = conversations + 50 where tenant_id = :t")
                        .param("t", other.id()).update()).isPositive();
                assertThat(conversations24h(apiB)).as("b serves the business figures a computed, not the changed rollups")
                        .isEqualTo(computedOnA);

                onB.conversation(Instant.parse("2026-11-11T09:00:00Z"), "widget", null, "v2");
                assertThat(conversations(apiA, path, viewerA)).as("the event ingested on b dropped a's entry").isEqualTo(12);

                redis.close();
                onB.conversation(Instant.parse("2026-11-12T09:00:00Z"), "widget", null, "v3");
                long slowest = 0;
                for (int i = 0; i < 5; i++) {
                    for (TestApi api : new TestApi[] {apiA, apiB}) {
                        long started = System.nanoTime();
                        long seen = conversations(api, path, api == apiA ? viewerA : viewerB);
                        slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
                        assertThat(seen).as("Redis down: each node answers from its own, current cache").isEqualTo(13);
                    }
                }
                System.out.printf("KPI requests with Redis stopped: slowest %d ms (Redis command timeout 2 s)%n", slowest);
                assertThat(slowest).as("no request waits for the Redis command timeout").isLessThan(1_500);

                redis = RedisServer.start(redisPort);
                try (RedisClient again = RedisClient.create(redis.url());
                        StatefulRedisConnection<String, String> back = again.connect()) {
                    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                            .until(() -> connection(a).isOpen() && connection(b).isOpen());
                    // each node sends the invalidations it kept during the outage before it reads from Redis again
                    assertThat(conversations(apiB, path, viewerB)).isEqualTo(13);
                    assertThat(conversations(apiA, path, viewerA)).isEqualTo(13);
                    assertThat(back.sync().keys("wattos:cache:kpi:" + tenant.id() + ":*"))
                            .as("answers are stored in Redis again").isNotEmpty();
                    addBehindTheCache(db, tenant.id(), 100);
                    assertThat(conversations(apiB, path, viewerB)).as("shared again: the cached 13, not the changed rollups")
                            .isEqualTo(13);
                    assertThat(conversations(apiA, path, viewerA)).isEqualTo(13);
                    onB.conversation(Instant.parse("2026-11-13T09:00:00Z"), "widget", null, "v4");
                    assertThat(conversations(apiA, path, viewerA)).as("and b's invalidation reaches a again")
                            .isEqualTo(114);
                }
            } finally {
                redis.close();
            }
        }
    }

    /** Changes the tenant's rollups without an event, so no cache learns of it. */
    private static void addBehindTheCache(JdbcClient db, UUID tenant, int conversations) {
        for (String table : new String[] {"analytics_daily", "analytics_hourly"}) {
            int rows = db.sql("update " + table + " set conversations = conversations + :n where tenant_id = :t and ctid ="
                    + " (select ctid from " + table + " where tenant_id = :t limit 1)")
                    .param("n", conversations).param("t", tenant).update();
            assertThat(rows).isEqualTo(1);
        }
    }

    private static long conversations24h(TestApi api) {
        TestApi.Response response = api.get("/api/v1/metrics", api.adminToken());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("business").get("conversations24h").asLong();
    }

    private static long conversations(TestApi api, String path, String token) {
        TestApi.Response response = api.get(path, token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("kpis").get("conversations").get("value").asLong();
    }

    private static ConfigurableApplicationContext start(Path dataDir, String... shared) {
        String[] args = new String[shared.length + 3];
        System.arraycopy(shared, 0, args, 0, shared.length);
        args[shared.length] = "--server.port=0";
        args[shared.length + 1] = "--wattos.data-dir=" + dataDir;
        args[shared.length + 2] = "--spring.profiles.active=test";
        return new SpringApplicationBuilder(WattosApplication.class).run(args);
    }

    @SuppressWarnings("unchecked")
    private static StatefulRedisConnection<String, String> connection(ConfigurableApplicationContext node) {
        return node.getBean("wattosRedisConnection", StatefulRedisConnection.class);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
