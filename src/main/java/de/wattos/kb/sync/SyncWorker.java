package de.wattos.kb.sync;

import de.wattos.kb.KnowledgeSync;
import de.wattos.kb.SyncAttempted;
import de.wattos.kb.SyncItem;
import de.wattos.kb.SyncTarget;
import de.wattos.kb.SyncTargetConfig;
import de.wattos.kb.SyncTargetFactory;
import de.wattos.platform.Ids;
import de.wattos.platform.NodeRoles;
import de.wattos.platform.SecretBox;
import de.wattos.platform.TenantContext;
import de.wattos.platform.events.DomainEvents;
import de.wattos.tenancy.Tenants;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox. A dispatcher, woken after each approval and after each finished batch (otherwise asleep until
 * the next retry is due, at most {@code interval}), hands due batches to virtual threads: at most
 * {@code parallel-per-tenant} batches of one tenant in flight, and tenants never wait for each other, so one tenant's
 * slow or failing target delays only that tenant. A batch goes to its target as one request; its outcome (delivered,
 * or a failed attempt scheduled with exponential backoff or dead-lettered) is stored together with one
 * {@link SyncAttempted} event per item. Rows are leased while in flight: a worker stopped mid-batch gives its rows
 * back, a node that dies leaves them to be delivered again after the lease, with the same delivery ids.
 */
@Component
public class SyncWorker implements SmartLifecycle, KnowledgeSync {

    private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);
    private static final Duration BUSY_RECHECK = Duration.ofSeconds(1);

    private record DueTarget(UUID tenantId, UUID targetId, long rows) {
    }

    private final JdbcClient platformJdbc;
    private final Tenants tenants;
    private final SyncTargets targets;
    private final Outbox outbox;
    private final SecretBox secrets;
    private final SyncProperties props;
    private final DomainEvents bus;
    private final TransactionTemplate tx;
    private final Map<String, SyncTargetFactory> factories;
    private final NodeRoles roles;
    private final Map<UUID, Semaphore> inFlightPerTenant = new ConcurrentHashMap<>();
    private final Set<Future<?>> requestsInFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService requests = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("kb-sync-request-", 0).factory());
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile ExecutorService deliveries;
    private volatile Thread thread;
    private volatile boolean running;

    SyncWorker(JdbcClient platformJdbc, Tenants tenants, SyncTargets targets, Outbox outbox, SecretBox secrets,
            SyncProperties props, DomainEvents bus, TransactionTemplate tx, List<SyncTargetFactory> factories,
            NodeRoles roles) {
        this.roles = roles;
        this.platformJdbc = platformJdbc;
        this.tenants = tenants;
        this.targets = targets;
        this.outbox = outbox;
        this.secrets = secrets;
        this.props = props;
        this.bus = bus;
        this.tx = tx;
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
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        if (!roles.runsBackgroundWork()) {
            return; // the outbox is delivered by worker nodes
        }
        deliveries = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("kb-sync-delivery-", 0).factory());
        thread = Thread.ofVirtual().name("kb-sync").start(this::loop);
    }

    /**
     * Stops dispatching and cuts the requests in flight (only the requests: database work of a batch is never
     * interrupted, so every outcome is either stored whole or not at all); the cut batches go back to the queue, due
     * at once, and a restarted worker delivers them again with the same delivery ids.
     */
    @Override
    public synchronized void stop() {
        running = false;
        wake();
        requestsInFlight.forEach(r -> r.cancel(true));
        ExecutorService d = deliveries;
        if (d != null) {
            d.shutdown();
            try {
                d.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        inFlightPerTenant.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                Duration wait = dispatchDue() ? BUSY_RECHECK : untilNextDue();
                wakeUp.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
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

    /**
     * Hands every due batch whose tenant has a free slot to a delivery thread; answers whether any batch was handed
     * out or left waiting for a slot (the dispatcher then waits for a finished batch rather than for the clock).
     */
    boolean dispatchDue() {
        List<DueTarget> due = platformJdbc.sql("""
                select tenant_id, target_id, count(*) from kb_sync_outbox
                where status = :pending and next_attempt_at <= now()
                group by tenant_id, target_id limit 500""")
                .param("pending", OutboxStatus.PENDING.name())
                .query((rs, i) -> new DueTarget(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3)))
                .list();
        boolean busy = false;
        for (DueTarget d : due) {
            var tenant = tenants.ref(d.tenantId());
            if (tenant.isEmpty()) {
                continue;
            }
            Semaphore slots = inFlightPerTenant.computeIfAbsent(d.tenantId(),
                    id -> new Semaphore(Math.max(1, props.parallelPerTenant())));
            long batches = (d.rows() + props.batchSize() - 1) / props.batchSize();
            for (long b = 0; b < batches; b++) {
                busy = true;
                if (!slots.tryAcquire()) {
                    break;
                }
                try {
                    deliveries.execute(() -> {
                        try {
                            TenantContext.runAs(tenant.get(), () -> deliverBatch(d.targetId()));
                        } finally {
                            slots.release();
                            wake();
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    slots.release();
                    return false;
                }
            }
        }
        return busy;
    }

    private void deliverBatch(UUID targetId) {
        SyncTargets.Target target = targets.find(targetId).orElse(null);
        if (target == null) {
            return;
        }
        List<Outbox.Entry> batch = outbox.claim(targetId, props.batchSize(), props.lease());
        if (batch.isEmpty()) {
            return;
        }
        deliver(target, batch, batch.stream().map(Outbox.Entry::id).toList());
    }

    private void deliver(SyncTargets.Target target, List<Outbox.Entry> batch, List<UUID> ids) {
        List<SyncItem> items = batch.stream().map(Outbox.Entry::item).toList();
        Future<Void> request = requests.submit(TenantContext.bind(TenantContext.current(), () -> {
            SyncTargetFactory factory = factories.get(target.type());
            if (factory == null) {
                throw new SyncTarget.SyncFailure("unknown target type " + target.type());
            }
            factory.create(config(target)).deliver(items);
            return null;
        }));
        requestsInFlight.add(request);
        try {
            if (!running) {
                request.cancel(true);
            }
            request.get();
        } catch (CancellationException | InterruptedException stopped) {
            outbox.release(ids);
            return;
        } catch (ExecutionException failed) {
            if (!running) {
                outbox.release(ids);
                return;
            }
            Throwable e = failed.getCause();
            String reason = truncate(e instanceof SyncTarget.SyncFailure ? e.getMessage() : "error: " + e.getClass().getSimpleName());
            log.info("Sync to target {} failed: {}", target.id(), reason);
            Instant now = Instant.now();
            tx.executeWithoutResult(s -> {
                for (Outbox.Entry entry : batch) {
                    int attempt = entry.attempts() + 1;
                    outbox.failed(entry.id(), reason, props.maxAttempts(), now.plus(backoff(attempt)));
                    bus.publish(attempted(target, entry, attempt, false, attempt >= props.maxAttempts(), reason, now));
                }
            });
            return;
        } finally {
            requestsInFlight.remove(request);
        }
        Instant now = Instant.now();
        tx.executeWithoutResult(s -> {
            outbox.delivered(ids);
            for (Outbox.Entry entry : batch) {
                bus.publish(attempted(target, entry, entry.attempts() + 1, true, false, null, now));
            }
        });
    }

    private static SyncAttempted attempted(SyncTargets.Target target, Outbox.Entry entry, int attempt, boolean delivered,
            boolean dead, String reason, Instant now) {
        return new SyncAttempted(target.tenantId(), target.id(), target.type(), entry.itemId(),
                SyncAttempted.articleOf(entry.itemId()), entry.contentHash(), attempt, delivered, dead, reason,
                Math.max(0, Duration.between(entry.createdAt(), now).toMillis()), Ids.newId(), now);
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
