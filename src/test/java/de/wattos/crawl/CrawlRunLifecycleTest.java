package de.wattos.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.crawl.internal.CrawlProperties;
import de.wattos.crawl.internal.CrawlRun;
import de.wattos.crawl.internal.RunDispatcher;
import de.wattos.crawl.internal.Runs;
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
    Runs runs;
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
    void aRunWhoseLeaseExpiredIsTakenOverAndContinuesFromItsSavedFrontier() {
        site.page("/", "Start", "Übernahme-Test.", "/a", "/b", "/c");
        site.page("/a", "A", "Seite A über die Müllabfuhr im Ortsteil Nord.");
        site.page("/b", "B", "Seite B über die Öffnungszeiten des Wertstoffhofs.");
        site.page("/c", "C", "Seite C über Sperrmüll auf Abruf.");
        CrawlClient c = new CrawlClient(port);
        String source = c.createSource(site.url("/"), Map.of("followSitemaps", false));
        UUID run = UUID.randomUUID();
        // what a node killed mid-crawl leaves: its lease ran out a minute ago; it had saved "/" and "/a" as done
        // (counted: 4 discovered, 2 fetched and new) and "/b", "/c" still open
        insertRunning(run, c.tenant.id(), UUID.fromString(source), UUID.fromString(c.spaceId), "dead-node",
                Instant.now().minus(Duration.ofMinutes(1)), UUID.randomUUID());
        jdbc.sql("""
                update crawl_runs set discovered = 4, fetched = 2, new_count = 2, start_reached = true where id = :id
                """).param("id", run).update();
        saveFrontier(run, c.tenant.id(), site.url("/"), 0, true);
        saveFrontier(run, c.tenant.id(), site.url("/a"), 1, true);
        saveFrontier(run, c.tenant.id(), site.url("/b"), 1, false);
        saveFrontier(run, c.tenant.id(), site.url("/c"), 1, false);
        dispatcher.wake();

        JsonNode done = c.await(run.toString(), Duration.ofSeconds(30));
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
        assertThat(site.hits("/")).as("done before the takeover: not fetched again").isZero();
        assertThat(site.hits("/a")).as("done before the takeover: not fetched again").isZero();
        assertThat(site.hits("/b")).isEqualTo(1);
        assertThat(site.hits("/c")).isEqualTo(1);
        JsonNode counters = done.get("counters");
        assertThat(counters.get("discovered").asInt()).isEqualTo(4);
        assertThat(counters.get("fetched").asInt()).isEqualTo(4);
        assertThat(counters.get("new").asInt()).isEqualTo(4);
        Map<String, Object> row = jdbc.sql("select node, takeovers from crawl_runs where id = :id").param("id", run)
                .query().singleRow();
        assertThat(row.get("node")).isEqualTo(props.nodeName());
        assertThat(row.get("takeovers")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from crawl_run_frontier where run_id = :id").param("id", run)
                .query(Long.class).single()).as("the saved frontier goes with the run's end").isZero();
    }

    @Test
    void aLiveLeaseIsNotTakenOverAndFencesTheOldHolderOutOnceTakenOver() {
        site.page("/", "Start", "Lease-Test.");
        CrawlClient c = new CrawlClient(port);
        String source = c.createSource(site.url("/"), Map.of());
        UUID run = UUID.randomUUID();
        UUID holder = UUID.randomUUID();
        insertRunning(run, c.tenant.id(), UUID.fromString(source), UUID.fromString(c.spaceId), "busy-node",
                Instant.now().plus(Duration.ofMinutes(10)), holder);

        // this test claims by hand; the node's own dispatcher would take the run only below maxTakeovers, so the
        // run gets that many takeovers already and the hand claims allow one more
        jdbc.sql("update crawl_runs set takeovers = :n where id = :id").param("n", props.maxTakeovers()).param("id", run).update();
        int allowed = props.maxTakeovers() + 1;
        Runs.Claim claim = runs.claim(1000, "test-node", Duration.ofMinutes(10), allowed);
        handBack(claim, run);
        assertThat(claim.runs()).extracting(CrawlRun::id).doesNotContain(run);
        assertThat(runs.progress(run, holder, Duration.ofMinutes(10), CrawlRun.Counters.ZERO, false, false,
                c.tenant.id(), Runs.FrontierDelta.NONE)).as("the holder keeps its lease").isEqualTo(Runs.Lease.HELD);
        assertThat(jdbc.sql("select node from crawl_runs where id = :id").param("id", run).query(String.class).single())
                .isEqualTo("busy-node");

        // the holder stops saving: once its lease has expired, the next claim takes the run over
        jdbc.sql("update crawl_runs set lease_until = now() - interval '1 second' where id = :id").param("id", run).update();
        Runs.Claim takeover = runs.claim(1000, "test-node", Duration.ofMinutes(10), allowed);
        handBack(takeover, run);
        assertThat(takeover.runs()).extracting(CrawlRun::id).contains(run);
        assertThat(runs.progress(run, holder, Duration.ofMinutes(10), CrawlRun.Counters.ZERO, false, false,
                c.tenant.id(), Runs.FrontierDelta.NONE)).as("the old holder is fenced out").isEqualTo(Runs.Lease.LOST);
        assertThat(runs.progress(run, takeover.token(), Duration.ofMinutes(10), CrawlRun.Counters.ZERO, false, false,
                c.tenant.id(), Runs.FrontierDelta.NONE)).isEqualTo(Runs.Lease.HELD);
        runs.finish(run, holder, CrawlRun.Status.SUCCEEDED, null);
        assertThat(c.run(run.toString()).get("status").asString()).as("the old holder cannot end it").isEqualTo("running");
        runs.finish(run, takeover.token(), CrawlRun.Status.CANCELLED, null);
        assertThat(c.run(run.toString()).get("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void runsOfThisNodeContinueAfterARestartAndRunsTakenOverTooOftenFail() {
        site.page("/", "Start", "Neustart-Test.");
        CrawlClient c = new CrawlClient(port);
        String restarted = c.createSource(site.url("/"), Map.of("name", "a"));
        String poisoned = c.createSource(site.url("/"), Map.of("name", "b"));
        UUID mine = UUID.randomUUID();
        UUID tooOften = UUID.randomUUID();
        // a run of this node before its restart (lease still running), and one whose nodes died too often
        insertRunning(mine, c.tenant.id(), UUID.fromString(restarted), UUID.fromString(c.spaceId), props.nodeName(),
                Instant.now().plus(Duration.ofMinutes(10)), UUID.randomUUID());
        insertRunning(tooOften, c.tenant.id(), UUID.fromString(poisoned), UUID.fromString(c.spaceId), "other-node",
                Instant.now().minus(Duration.ofMinutes(1)), UUID.randomUUID());
        jdbc.sql("update crawl_runs set takeovers = :n where id = :id").param("n", props.maxTakeovers())
                .param("id", tooOften).update();
        assertThat(dispatcher.recoverInterruptedRuns()).isEqualTo(1);
        assertThat(c.run(tooOften.toString()).get("status").asString()).isEqualTo("failed");
        assertThat(c.run(tooOften.toString()).get("error").asString()).contains("no heartbeat");
        dispatcher.wake();
        assertThat(c.await(mine.toString(), Duration.ofSeconds(30)).get("status").asString()).isEqualTo("succeeded");
        assertThat(site.hits("/")).isEqualTo(1);
    }

    private void insertRunning(UUID id, UUID tenant, UUID source, UUID space, String node, Instant leaseUntil, UUID token) {
        Instant heartbeat = leaseUntil.minus(props.heartbeatTimeout());
        jdbc.sql("""
                insert into crawl_runs (id, tenant_id, source_id, space_id, status, trigger, tenant_slug, tenant_zone, node,
                  created_at, started_at, heartbeat_at, lease_until, lease_token)
                values (:id, :tenant, :source, :space, 'running', 'manual', 'x', 'Europe/Berlin', :node, :t, :t, :t, :lease, :token)
                """).param("id", id).param("tenant", tenant).param("source", source).param("space", space)
                .param("node", node).param("t", Timestamp.from(heartbeat)).param("lease", Timestamp.from(leaseUntil))
                .param("token", token).update();
    }

    /** Runs of other tests that a hand claim took: their lease ends at once, so the node's dispatcher runs them. */
    private void handBack(Runs.Claim claim, UUID keep) {
        for (CrawlRun other : claim.runs()) {
            if (!other.id().equals(keep)) {
                runs.release(other.id(), claim.token());
            }
        }
    }

    private void saveFrontier(UUID run, UUID tenant, String url, int depth, boolean done) {
        jdbc.sql("insert into crawl_run_frontier (run_id, tenant_id, url, depth, done) values (:run, :tenant, :url, :depth, :done)")
                .param("run", run).param("tenant", tenant).param("url", url).param("depth", depth).param("done", done).update();
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
