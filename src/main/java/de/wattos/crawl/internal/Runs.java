package de.wattos.crawl.internal;

import de.wattos.crawl.internal.CrawlRun.Counters;
import de.wattos.crawl.internal.CrawlRun.Status;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Crawl runs. Reads and writes of API callers are tenant-scoped ({@link TenantJdbc}); the queue machinery
 * (claiming runs, leases, taking over runs of dead nodes) works across tenants on this module's own table and is marked
 * as such.
 */
@Repository
public class Runs {

    public record Failure(String url, String reason, Integer httpStatus) {
    }

    private final TenantJdbc tenantJdbc;
    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate tx;

    public Runs(TenantJdbc tenantJdbc, JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate tx) {
        this.tenantJdbc = tenantJdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    // --- tenant-scoped

    public void insert(CrawlRun run) {
        tenantJdbc.sql("""
                insert into crawl_runs (id, tenant_id, source_id, space_id, status, trigger, requested_by, tenant_slug,
                  tenant_locale, tenant_zone, created_at)
                values (:id, :tenantId, :sourceId, :spaceId, :status, :trigger, :requestedBy, :slug, :locale, :zone, :createdAt)
                """)
                .param("id", run.id()).param("sourceId", run.sourceId()).param("spaceId", run.spaceId())
                .param("status", run.status().value()).param("trigger", run.trigger())
                .param("requestedBy", run.requestedBy()).param("slug", run.tenantSlug())
                .param("locale", run.tenantLocale()).param("zone", run.tenantZone())
                .param("createdAt", Timestamp.from(run.createdAt()))
                .update();
    }

    public Optional<CrawlRun> find(UUID id) {
        return tenantJdbc.sql("select * from crawl_runs where tenant_id = :tenantId and id = :id")
                .param("id", id).query(Runs::map).optional();
    }

    public Optional<CrawlRun> findActive(UUID sourceId) {
        return tenantJdbc.sql("""
                select * from crawl_runs where tenant_id = :tenantId and source_id = :sourceId
                  and status in (:queued, :running) order by created_at limit 1
                """).param("queued", Status.QUEUED.value()).param("running", Status.RUNNING.value()).param("sourceId", sourceId).query(Runs::map).optional();
    }

    public List<CrawlRun> findBySource(UUID sourceId, int limit, int offset) {
        return tenantJdbc.sql("""
                select * from crawl_runs where tenant_id = :tenantId and source_id = :sourceId
                order by created_at desc, id desc limit :limit offset :offset
                """).param("sourceId", sourceId).param("limit", limit).param("offset", offset).query(Runs::map).list();
    }

    public long countBySource(UUID sourceId) {
        return tenantJdbc.sql("select count(*) from crawl_runs where tenant_id = :tenantId and source_id = :sourceId")
                .param("sourceId", sourceId).query(Long.class).single();
    }

    public List<Failure> failures(UUID runId, int limit) {
        return tenantJdbc.sql("""
                select url, reason, http_status from crawl_run_failures where tenant_id = :tenantId and run_id = :runId
                order by seq limit :limit
                """).param("runId", runId).param("limit", limit)
                .query((rs, n) -> new Failure(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3))).list();
    }

    /** Cancels a queued run at once; a running one is asked to stop. Answers the status afterwards. */
    public boolean requestCancel(UUID runId) {
        int queued = tenantJdbc.sql("""
                update crawl_runs set status = :cancelled, finished_at = now(), cancel_requested = true
                where tenant_id = :tenantId and id = :id and status = :queued
                """).param("cancelled", Status.CANCELLED.value()).param("queued", Status.QUEUED.value()).param("id", runId).update();
        if (queued > 0) {
            return true;
        }
        return tenantJdbc.sql("""
                update crawl_runs set cancel_requested = true where tenant_id = :tenantId and id = :id and status = :running
                """).param("running", Status.RUNNING.value()).param("id", runId).update() > 0;
    }

    public void addFailures(UUID runId, int firstSeq, List<Failure> failures) {
        for (int i = 0; i < failures.size(); i++) {
            Failure f = failures.get(i);
            tenantJdbc.sql("""
                    insert into crawl_run_failures (run_id, tenant_id, seq, url, reason, http_status)
                    values (:runId, :tenantId, :seq, :url, :reason, :status) on conflict do nothing
                    """).param("runId", runId).param("seq", firstSeq + i).param("url", truncate(f.url(), 2000))
                    .param("reason", truncate(f.reason(), 500)).param("status", f.httpStatus()).update();
        }
    }

    // --- queue machinery (system-wide, this module's own table)

    /** Runs this node claimed in one go, all under the same lease token (the fence for their progress writes). */
    public record Claim(UUID token, List<CrawlRun> runs) {
    }

    /** What a progress save found: go on, stop because a cancel was requested, or stop because the lease is gone. */
    public enum Lease {
        HELD, CANCEL_REQUESTED, LOST
    }

    /** A URL of a run's saved frontier; depth -1 marks a redirect target claimed while fetching another URL. */
    public record FrontierUrl(String url, int depth, boolean done) {
    }

    /** What a run that is taken over continues from. */
    public record Saved(boolean startReached, int failuresRecorded, List<FrontierUrl> frontier) {
    }

    /** Frontier changes since the last save, written with the counters. */
    public record FrontierDelta(List<FrontierUrl> admitted, List<String> done, List<String> claimed) {
        public static final FrontierDelta NONE = new FrontierDelta(List.of(), List.of(), List.of());
    }

    /**
     * Claims up to the free slots, under an advisory lock so that several nodes together never run more than
     * {@code maxRunning}: first running runs whose lease expired (their node died; taken over, at most
     * {@code maxTakeovers} times), then queued runs, oldest first. Each gets a lease of {@code lease}.
     */
    public Claim claim(int maxRunning, String node, Duration lease, int maxTakeovers) {
        UUID token = UUID.randomUUID();
        List<CrawlRun> claimed = tx.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(400400)").query().listOfRows();
            long running = jdbc.sql("""
                    select count(*) from crawl_runs where status = :running and (lease_until is null or lease_until >= now())
                    """).param("running", Status.RUNNING.value()).query(Long.class).single();
            long free = maxRunning - running;
            if (free <= 0) {
                return List.of();
            }
            return jdbc.sql("""
                    update crawl_runs set status = :running, started_at = coalesce(started_at, now()), heartbeat_at = now(),
                      lease_until = now() + cast(:lease as interval), lease_token = :token, node = :node,
                      takeovers = takeovers + case when status = :running then 1 else 0 end
                    where id in (select id from crawl_runs
                                 where status = :queued
                                    or (status = :running and lease_until < now() and takeovers < :maxTakeovers)
                                 order by (status = :running) desc, created_at, id limit :free
                                 for update skip locked)
                    returning *
                    """).param("running", Status.RUNNING.value()).param("queued", Status.QUEUED.value())
                    .param("lease", lease.toMillis() + " milliseconds").param("token", token).param("node", node)
                    .param("maxTakeovers", maxTakeovers).param("free", free).query(Runs::map).list();
        });
        return new Claim(token, claimed);
    }

    /** The frontier and flags a run saved, to continue it after a takeover (empty frontier: start over). */
    public Saved saved(UUID runId) {
        boolean startReached = jdbc.sql("select start_reached from crawl_runs where id = :id").param("id", runId)
                .query(Boolean.class).optional().orElse(false);
        int failures = jdbc.sql("select count(*) from crawl_run_failures where run_id = :id").param("id", runId)
                .query(Integer.class).single();
        List<FrontierUrl> frontier = jdbc.sql("select url, depth, done from crawl_run_frontier where run_id = :id order by depth, url")
                .param("id", runId).query((rs, n) -> new FrontierUrl(rs.getString(1), rs.getInt(2), rs.getBoolean(3))).list();
        return new Saved(startReached, failures, frontier);
    }

    /**
     * Writes progress, frontier changes and heartbeat in one transaction and extends the lease, fenced by the lease
     * token: a node whose run was taken over writes nothing and learns {@link Lease#LOST}.
     */
    public Lease progress(UUID runId, UUID token, Duration lease, Counters c, boolean truncated, boolean startReached,
            UUID tenantId, FrontierDelta delta) {
        return tx.execute(status -> {
            Optional<Boolean> cancel = jdbc.sql("""
                    update crawl_runs set heartbeat_at = now(), lease_until = now() + cast(:lease as interval),
                      discovered = :discovered, fetched = :fetched, new_count = :newCount,
                      changed = :changed, unchanged = :unchanged, removed = :removed, skipped = :skipped, failed = :failed,
                      redirected = :redirected, truncated = :truncated, start_reached = start_reached or :startReached
                    where id = :id and status = :running and lease_token is not distinct from :token
                    returning cancel_requested
                    """).param("id", runId).param("token", token).param("running", Status.RUNNING.value())
                    .param("lease", lease.toMillis() + " milliseconds").param("discovered", c.discovered()).param("fetched", c.fetched())
                    .param("newCount", c.newCount()).param("changed", c.changed()).param("unchanged", c.unchanged())
                    .param("removed", c.removed()).param("skipped", c.skipped()).param("failed", c.failed())
                    .param("redirected", c.redirected()).param("truncated", truncated).param("startReached", startReached)
                    .query(Boolean.class).optional();
            if (cancel.isEmpty()) {
                return Lease.LOST;
            }
            List<Object[]> inserts = new java.util.ArrayList<>();
            delta.admitted().forEach(u -> inserts.add(new Object[] {runId, tenantId, u.url(), u.depth(), false}));
            delta.claimed().forEach(u -> inserts.add(new Object[] {runId, tenantId, u, -1, true}));
            if (!inserts.isEmpty()) {
                jdbcTemplate.batchUpdate("""
                        insert into crawl_run_frontier (run_id, tenant_id, url, depth, done) values (?, ?, ?, ?, ?)
                        on conflict do nothing
                        """, inserts);
            }
            if (!delta.done().isEmpty()) {
                jdbcTemplate.batchUpdate("update crawl_run_frontier set done = true where run_id = ? and url = ?",
                        delta.done().stream().map(u -> new Object[] {runId, u}).toList());
            }
            return cancel.get() ? Lease.CANCEL_REQUESTED : Lease.HELD;
        });
    }

    /** Ends a run this node still holds (lease token); its saved frontier is no longer needed. */
    public void finish(UUID runId, UUID token, Status status, String error) {
        tx.executeWithoutResult(s -> {
            int ended = jdbc.sql("""
                    update crawl_runs set status = :status, finished_at = now(), heartbeat_at = now(), error = :error,
                      lease_until = null
                    where id = :id and status = :running and lease_token is not distinct from :token
                    """).param("running", Status.RUNNING.value()).param("id", runId).param("token", token)
                    .param("status", status.value()).param("error", truncate(error, 2000)).update();
            if (ended > 0) {
                jdbc.sql("delete from crawl_run_frontier where run_id = :id").param("id", runId).update();
            }
        });
    }

    /** Gives a run back on shutdown: its lease ends now, so another worker continues it at once. */
    public void release(UUID runId, UUID token) {
        jdbc.sql("""
                update crawl_runs set lease_until = now() - interval '1 millisecond'
                where id = :id and status = :running and lease_token is not distinct from :token
                """).param("id", runId).param("token", token).param("running", Status.RUNNING.value()).update();
    }

    /**
     * At start-up: runs this node held before a restart end their lease now, so that a worker (this one or
     * another) continues them without waiting for it to expire. Answers how many.
     */
    public int releaseOwn(String node) {
        return jdbc.sql("""
                update crawl_runs set lease_until = now() - interval '1 millisecond'
                where status = :running and node = :node and (lease_until is null or lease_until >= now())
                """).param("running", Status.RUNNING.value()).param("node", node).update();
    }

    /**
     * Marks runs failed that nobody will continue: their lease expired and they were taken over
     * {@code maxTakeovers} times already (a run that kills its nodes is not handed on for ever). Answers how many.
     */
    public int failAbandoned(int maxTakeovers, String reason) {
        return tx.execute(s -> {
            List<UUID> ids = jdbc.sql("""
                    update crawl_runs set status = :failed, finished_at = now(), error = :reason, lease_until = null
                    where status = :running and lease_until < now() and takeovers >= :max
                    returning id
                    """).param("failed", Status.FAILED.value()).param("running", Status.RUNNING.value())
                    .param("max", maxTakeovers).param("reason", reason).query(UUID.class).list();
            for (UUID id : ids) {
                jdbc.sql("delete from crawl_run_frontier where run_id = :id").param("id", id).update();
            }
            return ids.size();
        });
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static CrawlRun map(ResultSet rs, int row) throws SQLException {
        return new CrawlRun(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getObject("source_id", UUID.class), rs.getObject("space_id", UUID.class),
                Status.of(rs.getString("status")), rs.getString("trigger"), rs.getString("requested_by"),
                rs.getString("tenant_slug"), rs.getString("tenant_locale"), rs.getString("tenant_zone"),
                rs.getString("node"), rs.getBoolean("cancel_requested"), instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"),
                new Counters(rs.getInt("discovered"), rs.getInt("fetched"), rs.getInt("new_count"), rs.getInt("changed"),
                        rs.getInt("unchanged"), rs.getInt("removed"), rs.getInt("skipped"), rs.getInt("failed"),
                        rs.getInt("redirected")),
                rs.getBoolean("truncated"), rs.getString("error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
