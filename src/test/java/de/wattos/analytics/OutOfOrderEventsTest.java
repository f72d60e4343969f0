package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import de.wattos.IntegrationTest;
import de.wattos.chat.ConversationStarted;
import de.wattos.chat.MessageAnswered;
import de.wattos.platform.Role;
import de.wattos.platform.events.DomainEvents;
import de.wattos.support.TestApi;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The listeners run concurrently, so an answer can reach analytics before the start of its conversation. That is
 * an expected retry, not an error: the answer is held briefly and taken once its conversation arrived; when that
 * takes longer, the bus delivers it again later (logged at INFO). Either way the figures end exact and nothing is
 * logged as an ERROR (checked on a real logback appender on the root logger).
 */
@IntegrationTest
class OutOfOrderEventsTest {

    @LocalServerPort int port;
    @Autowired DomainEvents bus;
    @Autowired JdbcClient jdbc;
    @Autowired javax.sql.DataSource dataSource;

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        root.detachAppender(logged);
    }

    @Test
    void anAnswerBeforeItsConversationIsHeldAndCountedWithoutAnError() throws Exception {
        TestApi api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        UUID soon = UUID.randomUUID();
        UUID late = UUID.randomUUID();

        // its conversation follows 300 ms later: within the hold
        bus.publish(answer(tenant.id(), soon, "Wann hat das Bürgerbüro geöffnet?"));
        Thread.sleep(300);
        bus.publish(started(tenant.id(), soon));
        // its conversation follows 3 s later: after the hold, so the bus delivers the answer again later
        bus.publish(answer(tenant.id(), late, "Wo beantrage ich einen Anwohnerparkausweis?"));
        Thread.sleep(3_000);
        bus.publish(started(tenant.id(), late));

        awaitDelivered(tenant);

        JsonNode kpis = kpis(api, tenant);
        assertThat(kpis.get("conversations").get("value").asLong()).isEqualTo(2);
        assertThat(kpis.get("messages").get("value").asLong()).isEqualTo(2);

        List<ILoggingEvent> errors = logged.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .filter(e -> (e.getFormattedMessage() + e.getThrowableProxy()).contains("ModuleEventListeners")
                        || e.getThrowableProxy() != null && e.getThrowableProxy().getClassName().contains("Predecessor"))
                .toList();
        assertThat(errors).as("out-of-order events logged as errors").isEmpty();
        assertThat(logged.list).as("the late answer was given back to the bus, logged as a retry")
                .anySatisfy(e -> {
                    assertThat(e.getLevel()).isEqualTo(Level.INFO);
                    assertThat(e.getFormattedMessage()).contains("will be delivered again");
                });
    }

    /**
     * A burst of answers beyond the pool size, all held for their conversations: the held listeners keep no database
     * connection (they run without a transaction of their own), so the node's requests keep being served and every
     * answer is counted once its conversation arrives. With a transaction per listener, 80 held answers took all of
     * the pool's connections, and the group commit the listeners wait for could not get one.
     */
    @Test
    void aBurstOfHeldAnswersBeyondThePoolSizeHoldsNoConnections() throws Exception {
        TestApi api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        com.zaxxer.hikari.HikariPoolMXBean pool = ((com.zaxxer.hikari.HikariDataSource) dataSource).getHikariPoolMXBean();
        int max = ((com.zaxxer.hikari.HikariDataSource) dataSource).getMaximumPoolSize();
        List<UUID> conversations = new java.util.ArrayList<>();
        for (int i = 0; i < 4 * max; i++) {
            conversations.add(UUID.randomUUID());
        }
        conversations.forEach(c -> bus.publish(answer(tenant.id(), c, "Wann ist der Wertstoffhof geöffnet?")));
        int busiest = 0;
        long until = System.nanoTime() + Duration.ofMillis(1_000).toNanos();
        while (System.nanoTime() < until) {
            busiest = Math.max(busiest, pool.getActiveConnections());
            Thread.sleep(5);
        }
        long asked = System.nanoTime();
        TestApi.Response served = api.get("/api/v1/tenants/" + tenant.slug(), api.adminToken());
        long tookMs = (System.nanoTime() - asked) / 1_000_000;
        assertThat(busiest).as("connections in use while %d answers are held (pool of %d)", conversations.size(), max)
                .isLessThan(max / 2);
        assertThat(served.status()).isEqualTo(200);
        assertThat(tookMs).as("a request during the burst").isLessThan(2_000);

        conversations.forEach(c -> bus.publish(started(tenant.id(), c)));
        awaitDelivered(tenant);
        JsonNode kpis = kpis(api, tenant);
        assertThat(kpis.get("conversations").get("value").asLong()).isEqualTo(conversations.size());
        assertThat(kpis.get("messages").get("value").asLong()).isEqualTo(conversations.size());
    }

    /** Waits until analytics took every event of the tenant (no publication of its listeners left open). */
    private void awaitDelivered(TestApi.Tenant tenant) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.sql("""
                select count(*) from event_publication where listener_id like 'analytics.%' and completion_date is null
                  and serialized_event like :tenant""").param("tenant", "%" + tenant.id() + "%")
                .query(Long.class).single() == 0);
    }

    private static JsonNode kpis(TestApi api, TestApi.Tenant tenant) {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        return api.get("/api/v1/tenants/" + tenant.slug() + "/analytics?from=" + today.minusDays(1) + "&to=" + today,
                api.userToken(tenant.slug(), Role.VIEWER)).json().get("kpis");
    }

    /** Events are recent: an old answer without its conversation is taken with what it carries, never held. */
    private static MessageAnswered answer(UUID tenant, UUID conversation, String question) {
        return new MessageAnswered(tenant, conversation, UUID.randomUUID(), "widget", "extractive", "extractive-de", 900,
                200L, 50, 100, 0, false, "stop", Instant.now(), question, List.of());
    }

    private static ConversationStarted started(UUID tenant, UUID conversation) {
        return new ConversationStarted(tenant, conversation, "widget", "de", List.of(), Instant.now().minusSeconds(5), null,
                "v_" + conversation, null);
    }
}
