package de.wattos.platform.internal.cluster;

import de.wattos.platform.NodeRoles;
import de.wattos.platform.cluster.ChangeFeed;
import de.wattos.platform.cluster.ClusterSignals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The change feed in PostgreSQL ({@code platform_change_feed}; system-wide like a job queue: rows carry their
 * tenant, appliers work in its scope). Sequence numbers are taken at insert but become visible at commit, so a
 * follower may see 12 before 11: it remembers what it applied above its watermark and waits up to
 * {@code feed-gap-wait} for a missing number before moving past it (a rolled-back insert leaves a gap for good).
 */
@Component
class JdbcChangeFeed implements ChangeFeed, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JdbcChangeFeed.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final ClusterSignals signals;
    private final ClusterProperties properties;
    private final NodeRoles roles;
    /** This process: its own changes are already applied where they were made. */
    private final String origin = UUID.randomUUID().toString();
    private final List<Follower> followers = new CopyOnWriteArrayList<>();

    JdbcChangeFeed(JdbcClient jdbc, ClusterSignals signals, ClusterProperties properties, NodeRoles roles) {
        this.jdbc = jdbc;
        this.signals = signals;
        this.properties = properties;
        this.roles = roles;
    }

    @Override
    public void record(String feed, UUID tenantId, String kind, UUID subject) {
        Long seq = jdbc.sql("""
                insert into platform_change_feed (feed, origin, tenant_id, kind, subject)
                values (:feed, :origin, :tenant, :kind, :subject) returning seq""")
                .param("feed", feed).param("origin", origin).param("tenant", tenantId).param("kind", kind)
                .param("subject", subject).query(Long.class).single();
        signals.publish(topic(feed), Long.toString(seq));
    }

    @Override
    public AutoCloseable follow(String feed, Applier applier) {
        long head = jdbc.sql("select coalesce(max(seq), 0) from platform_change_feed where feed = :feed")
                .param("feed", feed).query(Long.class).single();
        Follower follower = new Follower(feed, applier, head);
        follower.subscription = signals.subscribe(topic(feed), seq -> follower.wake.release());
        follower.thread = Thread.ofVirtual().name("feed-" + feed).start(follower::loop);
        followers.add(follower);
        return follower::close;
    }

    /** Forgets changes older than the retention (worker nodes; a node away longer rebuilds from PostgreSQL). */
    @Scheduled(fixedDelay = 3_600_000, initialDelay = 120_000)
    void prune() {
        if (!roles.runsBackgroundWork()) {
            return;
        }
        jdbc.sql("delete from platform_change_feed where created_at < :before")
                .param("before", java.sql.Timestamp.from(Instant.now().minus(properties.feedRetention()))).update();
    }

    @Override
    public void destroy() {
        followers.forEach(Follower::close);
    }

    private static String topic(String feed) {
        return "feed:" + feed;
    }

    private final class Follower {
        final String feed;
        final Applier applier;
        final Semaphore wake = new Semaphore(0);
        /** Every change up to here was applied (or skipped as a gap); above it, {@link #applied} knows. */
        long watermark;
        final TreeSet<Long> applied = new TreeSet<>();
        final Map<Long, Instant> missingSince = new HashMap<>();
        volatile boolean running = true;
        volatile Thread thread;
        volatile AutoCloseable subscription;

        Follower(String feed, Applier applier, long head) {
            this.feed = feed;
            this.applier = applier;
            this.watermark = head;
        }

        void loop() {
            while (running) {
                try {
                    wake.tryAcquire(properties.feedPollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                    while (running && step()) {
                        // a full batch: read on at once
                    }
                } catch (InterruptedException stopped) {
                    return;
                } catch (Exception e) {
                    if (running) {
                        log.warn("Applying changes of feed '{}' failed; retrying at the next poll: {}", feed, e.toString());
                    }
                }
            }
        }

        /** Reads and applies one batch; true when there may be more. */
        boolean step() throws Exception {
            record Row(long seq, String origin, Change change) {
            }
            List<Row> rows = jdbc.sql("""
                    select seq, origin, tenant_id, kind, subject from platform_change_feed
                    where feed = :feed and seq > :after order by seq limit :limit""")
                    .param("feed", feed).param("after", watermark).param("limit", BATCH)
                    .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), new Change(rs.getLong(1),
                            rs.getObject(3, UUID.class), rs.getString(4), rs.getObject(5, UUID.class))))
                    .list();
            List<Change> fresh = new ArrayList<>();
            for (Row row : rows) {
                if (!applied.contains(row.seq()) && !origin.equals(row.origin())) {
                    fresh.add(row.change());
                }
            }
            if (!fresh.isEmpty()) {
                applier.apply(fresh);
            }
            rows.forEach(r -> applied.add(r.seq()));
            advance();
            return rows.size() == BATCH;
        }

        private void advance() {
            Instant now = Instant.now();
            while (!applied.isEmpty()) {
                long next = watermark + 1;
                if (applied.remove(next)) {
                    watermark = next;
                    missingSince.remove(next);
                    continue;
                }
                Instant since = missingSince.computeIfAbsent(next, n -> now);
                if (since.plus(properties.feedGapWait()).isAfter(now)) {
                    return; // it may still commit
                }
                missingSince.remove(next);
                watermark = next;
            }
        }

        void close() {
            running = false;
            try {
                if (subscription != null) {
                    subscription.close();
                }
            } catch (Exception ignored) {
                // closing a subscription only removes a receiver
            }
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
            followers.remove(this);
        }
    }
}
