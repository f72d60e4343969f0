package de.wattos.crawl.internal;

import de.wattos.crawl.internal.CrawlRun.Counters;
import de.wattos.crawl.internal.CrawlRun.Status;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Crawl runs. Reads and writes of API callers are tenant-scoped ({@link TenantJdbc}); the queue machinery
 * (claiming runs, heartbeats, reaping crashed runs) works across tenants on this module's own table and is marked
 * as such.
 */
@Repository
public class Runs {

    public record Failure(String url, String reason, Integer httpStatus) {
    }

    private final TenantJdbc tenantJdbc;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public Runs(TenantJdbc tenantJdbc, JdbcClient jdbc, TransactionTemplate tx) {
        this.tenantJdbc = tenantJdbc;
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

    /**
     * Claims up to the free slots of queued runs, oldest first, under an advisory lock so that several nodes
     * together never run more than {@code maxRunning}.
     */
    public List<CrawlRun> claim(int maxRunning, String node) {
        return tx.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(400400)").query().listOfRows();
            long running = jdbc.sql("select count(*) from crawl_runs where status = :running").param("running", Status.RUNNING.value()).query(Long.class).single();
            long free = maxRunning - running;
            if (free <= 0) {
                return List.of();
            }
            return jdbc.sql("""
                    update crawl_runs set status = :running, started_at = now(), heartbeat_at = now(), node = :node
                    where id in (select id from crawl_runs where status = :queued order by created_at, id limit :free)
                    returning *
                    """).param("running", Status.RUNNING.value()).param("queued", Status.QUEUED.value()).param("node", node).param("free", free).query(Runs::map).list();
        });
    }

    /** Writes progress and heartbeat; answers whether a cancel was requested. */
    public boolean progress(UUID runId, Counters c, boolean truncated) {
        return jdbc.sql("""
                update crawl_runs set heartbeat_at = now(), discovered = :discovered, fetched = :fetched, new_count = :newCount,
                  changed = :changed, unchanged = :unchanged, removed = :removed, skipped = :skipped, failed = :failed,
                  redirected = :redirected, truncated = :truncated
                where id = :id returning cancel_requested
                """).param("id", runId).param("discovered", c.discovered()).param("fetched", c.fetched())
                .param("newCount", c.newCount()).param("changed", c.changed()).param("unchanged", c.unchanged())
                .param("removed", c.removed()).param("skipped", c.skipped()).param("failed", c.failed())
                .param("redirected", c.redirected()).param("truncated", truncated)
                .query(Boolean.class).optional().orElse(true);
    }

    public void finish(UUID runId, Status status, String error) {
        jdbc.sql("""
                update crawl_runs set status = :status, finished_at = now(), heartbeat_at = now(), error = :error
                where id = :id and status = :running
                """).param("running", Status.RUNNING.value()).param("id", runId).param("status", status.value()).param("error", truncate(error, 2000)).update();
    }

    /**
     * Marks runs failed that cannot be running any more: those this node owned before a restart, and those of
     * any node whose heartbeat stopped. Answers how many.
     */
    public int failInterrupted(String node, Instant staleBefore, String ownReason, String staleReason) {
        int own = node == null ? 0 : jdbc.sql("""
                update crawl_runs set status = :failed, finished_at = now(), error = :reason
                where status = :running and node = :node
                """).param("failed", Status.FAILED.value()).param("running", Status.RUNNING.value()).param("node", node).param("reason", ownReason).update();
        int stale = jdbc.sql("""
                update crawl_runs set status = :failed, finished_at = now(), error = :reason
                where status = :running and heartbeat_at < :before
                """).param("failed", Status.FAILED.value()).param("running", Status.RUNNING.value()).param("before", Timestamp.from(staleBefore)).param("reason", staleReason).update();
        return own + stale;
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
