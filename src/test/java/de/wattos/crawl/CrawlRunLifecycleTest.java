package de.wattos.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.crawl.internal.CrawlProperties;
import de.wattos.crawl.internal.RunDispatcher;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Crawl runs as jobs: progress events, cancel, the system-wide limit, schedules and restarts. */
@IntegrationTest
class CrawlRunLifecycleTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RunDispatcher dispatcher;
    @Autowired
    CrawlProperties props;
    @Autowired
    de.wattos.crawl.internal.SourceSchedules schedules;

    private final FixtureSite site = new FixtureSite();

    @AfterEach
    void stopSite() {
        site.close();
    }

    /** A site whose pages each take {@code delayMs} to answer. */
    private void slowSite(int pages, long delayMs) {
        List<String> links = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            String path = "/seite-" + i;
            links.add(path);
            int n = i;
            site.handler(path, exchange -> {
                CrawlClient.sleep(delayMs);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                FixtureSite.send(exchange, 200, ("<html><head><title>Seite " + n + "</title></head><body><p>Inhalt Nummer "
                        + n + " über Verwaltungsleistung " + UUID.randomUUID() + ".</p></body></html>").getBytes(StandardCharsets.UTF_8));
            });
        }
        site.page("/", "Start", "Viele langsame Seiten.", links.toArray(String[]::new));
    }

    @Test
    void eventsStreamProgressPingsAndEndWithTheRun() throws Exception {
        slowSite(6, 150);
        site.handler("/gemaechlich", exchange -> {
            CrawlClient.sleep(8000); // nothing changes meanwhile: the stream must ping
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            FixtureSite.send(exchange, 200, "<html><body><p>Gemächliche Seite über Wartezeiten im Bürgerbüro.</p></body></html>"
                    .getBytes(StandardCharsets.UTF_8));
        });
        site.page("/", "Start", "Viele langsame Seiten.", "/seite-0", "/seite-1", "/seite-2", "/seite-3", "/seite-4",
                "/seite-5", "/gemaechlich");
        CrawlClient c = new CrawlClient(port);
        String source = c.createSource(site.url("/"), Map.of());
        String run = c.startCrawl(source);
        HttpResponse<InputStream> stream = c.api.http().send(
                c.api.builder(c.tenantPath("/crawls/" + run + "/events"), c.editor).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> events = new ArrayList<>();
        int pings = 0;
        String endData = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            String event = null;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(":") && line.contains("ping")) {
                    pings++;
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                    events.add(event);
                } else if (line.startsWith("data:") && "end".equals(event)) {
                    endData = line.substring(5).trim();
                }
            }
        }
        assertThat(events).contains("progress").last().isEqualTo("end");
        assertThat(pings).as("a ping while nothing changed for seconds").isGreaterThanOrEqualTo(1);
        JsonNode end = de.wattos.support.TestApi.JSON.readTree(endData);
        assertThat(end.get("status").asString()).isEqualTo("succeeded");
        assertThat(end.get("counters").get("new").asInt()).isEqualTo(8);
    }

    @Test
    void cancelStopsARunningCrawl() {
        slowSite(30, 300);
        CrawlClient c = new CrawlClient(port);
        String source = c.createSource(site.url("/"), Map.of());
        String run = c.startCrawl(source);
        awaitStatus(c, run, "running");
        CrawlClient.sleep(400);
        var cancel = c.api.post(c.tenantPath("/crawls/" + run + "/cancel"), c.editor, Map.of());
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        JsonNode done = c.await(run, Duration.ofSeconds(15));
        assertThat(done.get("status").asString()).isEqualTo("cancelled");
        assertThat(done.get("counters").get("fetched").asInt()).isLessThan(31);
        // a new run may start once the old one ended
        var next = c.api.post(c.tenantPath("/sources/" + source + "/crawls"), c.editor, Map.of());
        assertThat(next.status()).isEqualTo(202);
        c.api.post(c.tenantPath("/crawls/" + next.json().get("id").asString() + "/cancel"), c.editor, Map.of());
        c.await(next.json().get("id").asString(), Duration.ofSeconds(15));
        var runs = c.api.get(c.tenantPath("/sources/" + source + "/crawls"), c.editor);
        assertThat(runs.json().get("total").asInt()).isEqualTo(2);
    }

    @Test
    void atMostFiveRunsAtOnceTheRestWaitsQueued() {
        site.handler("/", exchange -> {
            CrawlClient.sleep(2500);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            FixtureSite.send(exchange, 200, ("<html><body><p>Langsame Startseite " + UUID.randomUUID() + "</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8));
        });
        CrawlClient c = new CrawlClient(port);
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < props.maxConcurrentRuns() + 1; i++) {
            String source = c.createSource(site.url("/"), Map.of("name", "Quelle " + i, "followSitemaps", false));
            runs.add(c.startCrawl(source));
        }
        var duplicate = c.api.post(c.tenantPath("/sources/" + c.run(runs.getFirst()).get("sourceId").asString() + "/crawls"),
                c.editor, Map.of());
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("crawl_already_active");
        CrawlClient.sleep(1200);
        List<String> statuses = runs.stream().map(r -> c.run(r).get("status").asString()).toList();
        long runningEverywhere = jdbc.sql("select count(*) from crawl_runs where status = 'running'").query(Long.class).single();
        assertThat(runningEverywhere).as("system-wide").isEqualTo((long) props.maxConcurrentRuns());
        assertThat(statuses.stream().filter("running"::equals).count()).as(statuses.toString())
                .isLessThanOrEqualTo(props.maxConcurrentRuns());
        assertThat(statuses.stream().filter("queued"::equals).count()).as(statuses.toString()).isGreaterThanOrEqualTo(1);
        for (String run : runs) {
            assertThat(c.await(run, Duration.ofSeconds(30)).get("status").asString()).isEqualTo("succeeded");
        }
    }

    @Test
    void anOverdueScheduleRunsOnceAndMovesToTheNextCronTime() {
        site.page("/", "Geplant", "Diese Seite wird nach Zeitplan gecrawlt.");
        CrawlClient c = new CrawlClient(port);
        String source = c.createSource(site.url("/"), Map.of("schedule", "0 30 4 * * *"));
        Instant next = jdbc.sql("select execution_time from scheduled_tasks where task_name = 'crawl-source' and task_instance = :id")
                .param("id", source).query(Timestamp.class).single().toInstant();
        ZonedDateTime local = next.atZone(ZoneId.of("Europe/Berlin"));
        assertThat(local.getHour()).isEqualTo(4);
        assertThat(local.getMinute()).isEqualTo(30);

        // as if the server had been down at 04:30: the execution is overdue
        jdbc.sql("update scheduled_tasks set execution_time = now() - interval '3 hours' where task_instance = :id")
                .param("id", source).update();
        schedules.checkNow();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode runs;
        do {
            CrawlClient.sleep(200);
            runs = c.api.get(c.tenantPath("/sources/" + source + "/crawls"), c.editor).json();
        } while (runs.get("total").asInt() == 0 && System.nanoTime() < deadline);
        assertThat(runs.get("total").asInt()).isEqualTo(1);
        JsonNode run = c.await(runs.get("items").get(0).get("id").asString(), Duration.ofSeconds(30));
        assertThat(run.get("trigger").asString()).isEqualTo("schedule");
        assertThat(run.get("status").asString()).isEqualTo("succeeded");
        Instant rescheduled = jdbc.sql("select execution_time from scheduled_tasks where task_instance = :id")
                .param("id", source).query(Timestamp.class).single().toInstant();
        assertThat(rescheduled).isAfter(Instant.now());
        assertThat(rescheduled.atZone(ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(4);
    }

    @Test
    void runsLeftRunningByADeadNodeAreMarkedFailed() {
        site.page("/", "Start", "Neustart-Test.");
        CrawlClient c = new CrawlClient(port);
        String restarted = c.createSource(site.url("/"), Map.of("name", "a"));
        String dead = c.createSource(site.url("/"), Map.of("name", "b"));
        UUID tenant = c.tenant.id();
        UUID mine = UUID.randomUUID();
        UUID stale = UUID.randomUUID();
        // what a crash leaves behind: a run of this node (before its restart), and a run of a node that died
        insertRunning(mine, tenant, UUID.fromString(restarted), UUID.fromString(c.spaceId), props.nodeName(), Instant.now());
        insertRunning(stale, tenant, UUID.fromString(dead), UUID.fromString(c.spaceId), "other-node",
                Instant.now().minus(Duration.ofHours(1)));
        assertThat(dispatcher.recoverInterruptedRuns()).isGreaterThanOrEqualTo(2);
        assertThat(c.run(mine.toString()).get("status").asString()).isEqualTo("failed");
        assertThat(c.run(mine.toString()).get("error").asString()).isEqualTo("interrupted by restart");
        assertThat(c.run(stale.toString()).get("status").asString()).isEqualTo("failed");
        assertThat(c.run(stale.toString()).get("error").asString()).contains("no heartbeat");
        String again = c.startCrawl(restarted);
        assertThat(c.await(again, Duration.ofSeconds(30)).get("status").asString()).isEqualTo("succeeded");
    }

    private void insertRunning(UUID id, UUID tenant, UUID source, UUID space, String node, Instant heartbeat) {
        jdbc.sql("""
                insert into crawl_runs (id, tenant_id, source_id, space_id, status, trigger, tenant_slug, tenant_zone, node,
                  created_at, started_at, heartbeat_at)
                values (:id, :tenant, :source, :space, 'running', 'manual', 'x', 'Europe/Berlin', :node, :t, :t, :t)
                """).param("id", id).param("tenant", tenant).param("source", source).param("space", space)
                .param("node", node).param("t", Timestamp.from(heartbeat)).update();
    }

    private static void awaitStatus(CrawlClient c, String run, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!c.run(run).get("status").asString().equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run never reached " + status);
            }
            CrawlClient.sleep(50);
        }
    }
}
