package de.wattos;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.support.TestApi;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * No request holds two pooled connections at once: with a pool of two, many concurrent publishers and agent runs
 * all finish. Holding one connection while waiting for a second (an audit written in a transaction of its own after
 * the commit, a query inside another query's row mapper) deadlocks such a pool as soon as two requests do it at
 * the same time; the waits then end in the pool's connection timeout and the requests fail.
 */
class ConnectionBudgetTest {

    private static final int CONCURRENT = 24;

    @TempDir
    static Path dataDir;
    static ConfigurableApplicationContext app;
    static TestApi api;

    @BeforeAll
    static void startWithTwoConnections() {
        app = new SpringApplicationBuilder(WattosApplication.class).run("--server.port=0", "--wattos.data-dir=" + dataDir,
                "--spring.profiles.active=test", "--wattos.db.fsync=off", "--wattos.db.pool-size=2");
        api = new TestApi(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void concurrentPublicationsAreAllLoggedAndAudited() throws Exception {
        TestApi.Tenant tenant = api.createTenant();
        DomainEvents bus = app.getBean(DomainEvents.class);
        List<UUID> ids = new ArrayList<>();
        List<Callable<Void>> publications = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            DomainEvent event = DomainEvent.of(EventDomain.KNOWLEDGE, "probe.published", DomainEvent.Subject.of("probe", "p" + i),
                    Map.of("n", i));
            ids.add(event.id());
            publications.add(() -> {
                TenantContext.runAs(new TenantRef(tenant.id(), tenant.slug(), "de", ZoneId.of("Europe/Berlin")),
                        () -> bus.publish(event));
                return null;
            });
        }
        runConcurrently(publications);

        JdbcClient jdbc = app.getBean(JdbcClient.class);
        assertThat(jdbc.sql("select count(*) from audit_entries where event_id in (:ids)").param("ids", ids)
                .query(Long.class).single()).isEqualTo(CONCURRENT);
        assertThat(jdbc.sql("select count(*) from event_log where id in (:ids)").param("ids", ids)
                .query(Long.class).single()).isEqualTo(CONCURRENT);
    }

    @Test
    void concurrentAgentRunsAllAnswer() throws Exception {
        TestApi.Tenant tenant = api.createTenant();
        String admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        List<Callable<TestApi.Response>> runs = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            runs.add(() -> api.post("/api/v1/tenants/" + tenant.slug() + "/agent-runtime/runs", admin,
                    Map.of("question", "Wann hat das Bürgerbüro geöffnet?")));
        }
        for (TestApi.Response r : runConcurrently(runs)) {
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.json().path("steps").isEmpty()).as(r.body()).isFalse();
        }
    }

    /** Runs every task at once; a task that fails fails the test. The wait only guards against a hang. */
    private static <T> List<T> runConcurrently(List<Callable<T>> tasks) throws Exception {
        List<T> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (var task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<T> f : futures) {
                results.add(f.get(5, TimeUnit.MINUTES));
            }
        }
        return results;
    }
}
