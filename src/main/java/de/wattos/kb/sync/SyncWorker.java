package de.wattos.kb.sync;

import de.wattos.kb.KnowledgeSync;
import de.wattos.kb.SyncItem;
import de.wattos.kb.SyncTarget;
import de.wattos.kb.SyncTargetConfig;
import de.wattos.kb.SyncTargetFactory;
import de.wattos.platform.SecretBox;
import de.wattos.platform.TenantContext;
import de.wattos.tenancy.Tenants;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox: woken after each approval, otherwise it sleeps until the next retry is due (at most
 * {@code interval}). A batch goes to its target as one request; success marks it delivered, failure schedules the
 * next attempt with exponential backoff or dead-letters it. Rows are leased while in flight, so several nodes (or a
 * restart after a crash mid-batch) never lose one; a row may be delivered again, with the same delivery id.
 */
@Component
public class SyncWorker implements SmartLifecycle, KnowledgeSync {

    private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);

    private record DueTarget(UUID tenantId, UUID targetId) {
    }

    private final JdbcClient platformJdbc;
    private final Tenants tenants;
    private final SyncTargets targets;
    private final Outbox outbox;
    private final SecretBox secrets;
    private final SyncProperties props;
    private final Map<String, SyncTargetFactory> factories;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;

    SyncWorker(JdbcClient platformJdbc, Tenants tenants, SyncTargets targets, Outbox outbox, SecretBox secrets,
            SyncProperties props, List<SyncTargetFactory> factories) {
        this.platformJdbc = platformJdbc;
        this.tenants = tenants;
        this.targets = targets;
        this.outbox = outbox;
        this.secrets = secrets;
        this.props = props;
        this.factories = factories.stream().collect(Collectors.toMap(SyncTargetFactory::type, Function.identity()));
    }

    @Override
    public void syncNow() {
        wake();
    }

    void wake() {
        wakeUp.release();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("kb-sync").start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                wakeUp.tryAcquire(untilNextDue().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
                while (running && deliverDue() > 0) {
                    // keep going while batches were due
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Knowledge sync round failed", e);
                sleepQuietly();
            }
        }
    }

    private Duration untilNextDue() {
        Timestamp next = platformJdbc.sql("select min(next_attempt_at) from kb_sync_outbox where status = :pending")
                .param("pending", OutboxStatus.PENDING.name()).query(Timestamp.class).optional().orElse(null);
        Duration wait = next == null ? props.interval() : Duration.between(Instant.now(), next.toInstant());
        if (wait.isNegative() || wait.isZero()) {
            return Duration.ofMillis(1);
        }
        return wait.compareTo(props.interval()) > 0 ? props.interval() : wait.plusMillis(5);
    }

    /** One round over every target with due rows; answers how many batches were attempted. */
    int deliverDue() {
        List<DueTarget> due = platformJdbc.sql("""
                select distinct tenant_id, target_id from kb_sync_outbox
                where status = :pending and next_attempt_at <= now() limit 200""")
                .param("pending", OutboxStatus.PENDING.name()).query((rs, i) -> new DueTarget(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
        int batches = 0;
        for (DueTarget d : due) {
            var tenant = tenants.ref(d.tenantId());
            if (tenant.isEmpty()) {
                continue;
            }
            batches += TenantContext.callAs(tenant.get(), () -> deliverBatch(d.targetId()));
        }
        return batches;
    }

    private int deliverBatch(UUID targetId) {
        SyncTargets.Target target = targets.find(targetId).orElse(null);
        if (target == null) {
            return 0;
        }
        List<Outbox.Entry> batch = outbox.claim(targetId, props.batchSize(), props.lease());
        if (batch.isEmpty()) {
            return 0;
        }
        List<SyncItem> items = batch.stream().map(Outbox.Entry::item).toList();
        try {
            SyncTargetFactory factory = factories.get(target.type());
            if (factory == null) {
                throw new SyncTarget.SyncFailure("unknown target type " + target.type());
            }
            factory.create(config(target)).deliver(items);
            outbox.delivered(batch.stream().map(Outbox.Entry::id).toList());
        } catch (SyncTarget.SyncFailure | RuntimeException e) {
            String reason = e instanceof SyncTarget.SyncFailure ? e.getMessage() : "error: " + e.getClass().getSimpleName();
            log.info("Sync to target {} failed: {}", targetId, reason);
            for (Outbox.Entry entry : batch) {
                outbox.failed(entry.id(), truncate(reason), props.maxAttempts(), Instant.now().plus(backoff(entry.attempts() + 1)));
            }
        }
        return 1;
    }

    SyncTargetConfig config(SyncTargets.Target t) {
        return new SyncTargetConfig(t.id(), t.tenantId(), t.name(), t.type(), t.url(), t.options(),
                t.secret() == null ? null : secrets.decrypt(t.secret()));
    }

    /** base × 2^(attempt−1), capped. */
    Duration backoff(int attempt) {
        long factor = 1L << Math.min(20, Math.max(0, attempt - 1));
        Duration d = props.backoffBase().multipliedBy(factor);
        return d.compareTo(props.backoffMax()) > 0 ? props.backoffMax() : d;
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() <= 1000 ? s : s.substring(0, 1000) + " …";
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
