package de.wattos.knowledge.internal;

import de.wattos.platform.DataDirectory;
import de.wattos.platform.Ids;
import de.wattos.platform.NodeRoles;
import de.wattos.platform.TenantContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The bounded worker pool for uploads. Work lives in PostgreSQL (documents in status {@code pending} with their
 * bytes), so nothing is lost on a crash: a worker claims a document with a lease ({@code for update skip locked}),
 * and on start this node takes back what its previous run had claimed. Processing is idempotent (chunks are
 * replaced in one transaction, the index per document), so a document interrupted mid-way is simply redone.
 *
 * <p>Four rules keep one bad file or one big batch from stalling everyone: workers take turns between tenants
 * (the tenant with the fewest documents in work, then the one served longest ago); one tenant has at most half of the
 * workers, so another tenant's file starts at once however long the first one's batch is (its embedding then takes
 * turns with the first tenant's in {@link TenantFairEmbedder}); a running worker keeps renewing
 * its lease, so only a dead node's claim expires and no second worker starts on a document the first still
 * processes; and a document whose processing was cut off {@value #MAX_ATTEMPTS} times (a crash, a kill) fails with
 * its reason instead of being retried forever. Every extractor runs under a timeout (see {@link DocumentExtractor}).
 */
@Component
public class UploadWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UploadWorkers.class);
    static final int MAX_ATTEMPTS = 3;

    private final JdbcClient jdbc;
    private final IngestionService ingestion;
    private final SearchIndex index;
    private final KnowledgeProperties props;
    private final String nodeId;
    private final Semaphore slots;
    private final int perTenant;
    private final ExecutorService pool;
    private final AtomicBoolean started = new AtomicBoolean();
    private final java.util.Set<UUID> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final ReEmbedder reEmbedder;
    private final NodeRoles roles;

    UploadWorkers(JdbcClient jdbc, IngestionService ingestion, SearchIndex index, KnowledgeProperties props,
            DataDirectory data, ReEmbedder reEmbedder, NodeRoles roles) {
        this.roles = roles;
        this.reEmbedder = reEmbedder;
        this.jdbc = jdbc;
        this.ingestion = ingestion;
        this.index = index;
        this.props = props;
        this.nodeId = nodeId(data.resolve("knowledge").resolve("node-id"));
        this.perTenant = Math.max(1, props.workers());
        // twice the share of one tenant: however many files one tenant queues, the others find a free worker
        int workers = 2 * perTenant;
        this.slots = new Semaphore(workers);
        this.pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("ingest-", 1).daemon(true).factory());
    }

    private static String nodeId(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            String id = Ids.newId().toString();
            Files.writeString(file, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String nodeId() {
        return nodeId;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        Thread.ofVirtual().name("knowledge-start").start(() -> {
            try {
                index.warmUp();
            } catch (RuntimeException e) {
                log.warn("Loading the embedding model failed: {}", e.getMessage());
            }
            try {
                index.followOtherNodes();
            } catch (RuntimeException e) {
                log.error("Following the search index changes of other instances failed", e);
            }
            try {
                index.catchUp();
            } catch (RuntimeException e) {
                log.error("Catching the search index up with PostgreSQL failed", e);
            }
            if (!roles.runsBackgroundWork()) {
                return; // uploads stay pending for the worker nodes; this node's index follows theirs
            }
            recover();
            try {
                reEmbedder.run();
            } catch (RuntimeException e) {
                log.warn("Re-embedding failed: {}", e.getMessage());
            }
        });
    }

    /**
     * Takes back pending documents this node had claimed before a restart (and any whose lease expired) and
     * starts working on all pending uploads.
     */
    public int recover() {
        // system-wide (all tenants): the queue itself; each document is then processed in its tenant's scope
        // claims of this node that no worker of this process holds are left over from a previous run
        String running = "{" + String.join(",", inFlight.stream().map(UUID::toString).toList()) + "}";
        int released = jdbc.sql("""
                update knowledge_documents set claimed_by = null, claimed_until = null
                where status = :pending and ((claimed_by = :node and id <> all(cast(:running as uuid[])))
                                              or claimed_until < now())""")
                .param("pending", DocumentStatus.PENDING.wire()).param("node", nodeId).param("running", running).update();
        if (released > 0) {
            log.info("Resuming {} interrupted uploads", released);
        }
        started.set(true);
        kick();
        return released;
    }

    /** Starts workers on pending uploads while slots are free. */
    public void kick() {
        if (!started.get() || pool.isShutdown()) {
            return;
        }
        while (slots.tryAcquire()) {
            Optional<Claim> claim;
            try {
                claim = claim();
            } catch (RuntimeException e) {
                slots.release();
                log.warn("Claiming pending uploads failed", e);
                return;
            }
            if (claim.isEmpty()) {
                slots.release();
                return;
            }
            Claim c = claim.get();
            inFlight.add(c.id());
            pool.execute(() -> {
                try {
                    work(c);
                } finally {
                    inFlight.remove(c.id());
                    slots.release();
                }
                kick();
            });
        }
    }

    record Claim(UUID id, UUID tenantId, int attempts) {
    }

    private Optional<Claim> claim() {
        return jdbc.sql("""
                with next as (
                    select d.id, d.tenant_id from knowledge_documents d
                    left join (select tenant_id, count(*) as busy from knowledge_documents
                               where status = :pending and origin = 'upload' and claimed_until >= now()
                               group by tenant_id) b on b.tenant_id = d.tenant_id
                    left join knowledge_ingest_turns t on t.tenant_id = d.tenant_id
                    where d.status = :pending and d.origin = 'upload'
                      and (d.claimed_until is null or d.claimed_until < now())
                      and coalesce(b.busy, 0) < :perTenant
                    order by coalesce(b.busy, 0), t.last_claimed_at nulls first, d.created_at
                    limit 1 for update of d skip locked),
                turn as (
                    insert into knowledge_ingest_turns (tenant_id, last_claimed_at)
                    select tenant_id, clock_timestamp() from next
                    on conflict (tenant_id) do update set last_claimed_at = excluded.last_claimed_at)
                update knowledge_documents set claimed_by = :node,
                    claimed_until = now() + cast(:lease as interval), attempts = attempts + 1
                where id = (select id from next)
                returning id, tenant_id, attempts""")
                .param("pending", DocumentStatus.PENDING.wire()).param("node", nodeId).param("lease", props.claimLease().toSeconds() + " seconds")
                .param("perTenant", perTenant)
                .query((rs, i) -> new Claim(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3)))
                .optional();
    }

    private void work(Claim c) {
        TenantContext.runAs(index.refOf(c.tenantId()), () -> {
            try {
                if (c.attempts() > MAX_ATTEMPTS) {
                    ingestion.failPending(c.id(), "Die Verarbeitung wurde " + MAX_ATTEMPTS + "-mal abgebrochen (Absturz oder"
                            + " Neustart während der Verarbeitung); die Datei wird nicht erneut versucht / Processing was cut off "
                            + MAX_ATTEMPTS + " times (crash or restart while processing); the file is not retried");
                    return;
                }
                ingestion.processUpload(c.id());
            } catch (StoppingException stopping) {
                // this node's claim is taken back on the next start (recover); an orderly stop is not the file's fault
                log.info("Upload {} stays pending: WattOS is stopping", c.id());
                giveBackAttempt(c.id());
            } catch (RuntimeException e) {
                if (pool.isShutdown()) {
                    // the index or the database closed under it: a stop, not the file's fault
                    log.info("Upload {} stays pending: WattOS is stopping ({})", c.id(), e.toString());
                    giveBackAttempt(c.id());
                    return;
                }
                log.warn("Processing upload {} failed", c.id(), e);
                try {
                    ingestion.failPending(c.id(), "Interner Fehler bei der Verarbeitung / Internal processing error");
                } catch (RuntimeException ignored) {
                    // stays pending; the lease expires and another attempt follows
                }
            }
        });
    }

    private void giveBackAttempt(UUID id) {
        try {
            // the queue itself (system-wide, like claim()): only this node's own claim
            jdbc.sql("update knowledge_documents set attempts = greatest(attempts - 1, 0) where id = :id and claimed_by = :node")
                    .param("id", id).param("node", nodeId).update();
        } catch (RuntimeException e) {
            log.debug("Could not give back the attempt of {} while stopping", id, e);
        }
    }

    @Scheduled(fixedDelayString = "${wattos.knowledge.poll-interval:5s}")
    void poll() {
        renewLeases();
        kick();
    }

    /** Extends the leases of documents this process is working on, so they do not look abandoned to other workers. */
    int renewLeases() {
        if (inFlight.isEmpty()) {
            return 0;
        }
        String running = "{" + String.join(",", inFlight.stream().map(UUID::toString).toList()) + "}";
        return jdbc.sql("""
                update knowledge_documents set claimed_until = now() + cast(:lease as interval)
                where claimed_by = :node and status = :pending and id = any(cast(:running as uuid[]))""")
                .param("pending", DocumentStatus.PENDING.wire()).param("node", nodeId).param("lease", props.claimLease().toSeconds() + " seconds")
                .param("running", running).update();
    }

    void markInFlight(UUID id) { // tests: stands for a worker busy with the document
        inFlight.add(id);
    }

    void releaseInFlight(UUID id) {
        inFlight.remove(id);
    }

    /** Waits until no upload is pending and no worker of this process is still busy (tests, benchmarks). */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            long pending = jdbc.sql("select count(*) from knowledge_documents where status = :pending and origin = 'upload'")
                    .param("pending", DocumentStatus.PENDING.wire()).query(Long.class).single();
            if (pending == 0 && inFlight.isEmpty()) {
                return true;
            }
            kick();
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
