package de.wattos.platform.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.WattosApplication;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Durable delivery with real starts of the application on one data dir: a listener that throws gets the event
 * again, and an event whose listener never finished (the process went away) is delivered after the restart.
 */
class DurableDeliveryTest {

    /** A test-only module event. */
    record ProbeHappened(UUID tenantId, String marker) implements ModuleEvent {

        @Override
        public EventDomain domain() {
            return EventDomain.PLATFORM;
        }

        @Override
        public String type() {
            return "probe.happened";
        }

        @Override
        public DomainEvent.Subject subject() {
            return DomainEvent.Subject.of("probe", marker);
        }
    }

    /** What each application start's probe listener does; keyed by marker so the two tests stay apart. */
    static final ConcurrentHashMap<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
    static final List<String> COMPLETED = new CopyOnWriteArrayList<>();
    static final CountDownLatch ENTERED = new CountDownLatch(1);
    static final CountDownLatch NEVER = new CountDownLatch(1);

    /** Registered as a source of the started application only (no stereotype: component scans never pick it up). */
    static class ProbeListener {

        private final String mode;

        ProbeListener(Environment env) {
            this.mode = env.getProperty("probe.mode", "complete");
        }

        @ApplicationModuleListener(id = "test.probe")
        void on(ProbeHappened event) throws InterruptedException {
            int attempt = ATTEMPTS.computeIfAbsent(event.marker(), m -> new AtomicInteger()).incrementAndGet();
            switch (mode) {
                case "fail-twice" -> {
                    if (attempt <= 2) {
                        throw new IllegalStateException("probe failure " + attempt);
                    }
                }
                case "hang" -> {
                    ENTERED.countDown();
                    NEVER.await(); // the process "dies" while the listener runs
                }
                default -> {
                }
            }
            COMPLETED.add(event.marker());
        }
    }

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String mode) {
        return new SpringApplicationBuilder(WattosApplication.class, ProbeListener.class).run("--server.port=0",
                "--wattos.data-dir=" + dataDir, "--spring.profiles.active=test", "--wattos.db.fsync=off",
                "--probe.mode=" + mode, "--wattos.events.retry-interval=500ms", "--wattos.events.retry-min-age=0s",
                // the dying process must not wait for its hanging listener
                "--spring.modulith.default-async-termination=false");
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(end);
            Thread.sleep(100);
        }
    }

    private static long incomplete(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class)
                .sql("select count(*) from event_publication where listener_id = 'test.probe' and completion_date is null")
                .query(Long.class).single();
    }

    @Test
    void aListenerThatThrowsGetsTheEventAgainUntilItSucceeds() throws Exception {
        String marker = "retry-" + UUID.randomUUID();
        try (ConfigurableApplicationContext app = start("fail-twice")) {
            app.getBean(DomainEvents.class).publish(new ProbeHappened(null, marker));
            await("the third attempt succeeds", () -> COMPLETED.contains(marker));
            assertThat(ATTEMPTS.get(marker).get()).isEqualTo(3);
            await("the publication is complete", () -> incomplete(app) == 0);
        }
    }

    @Test
    void anEventWhoseListenerNeverFinishedIsDeliveredAfterARestart() throws Exception {
        String marker = "restart-" + UUID.randomUUID();
        ConfigurableApplicationContext dying = start("hang");
        try {
            dying.getBean(DomainEvents.class).publish(new ProbeHappened(null, marker));
            assertThat(ENTERED.await(60, TimeUnit.SECONDS)).as("listener entered").isTrue();
            assertThat(incomplete(dying)).isEqualTo(1);
        } finally {
            dying.close(); // the listener is still running: its completion is never recorded
        }
        assertThat(COMPLETED).doesNotContain(marker);

        try (ConfigurableApplicationContext restarted = start("complete")) {
            await("delivered after the restart", () -> COMPLETED.contains(marker));
            await("the publication is complete", () -> incomplete(restarted) == 0);
        } finally {
            NEVER.countDown();
        }
        assertThat(ATTEMPTS.get(marker).get()).isEqualTo(2);
    }
}
