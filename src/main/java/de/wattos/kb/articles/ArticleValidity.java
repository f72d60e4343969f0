package de.wattos.kb.articles;

import de.wattos.platform.NodeRoles;
import de.wattos.platform.TenantContext;
import de.wattos.tenancy.Tenants;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Serves published articles only while their published version is valid. On worker nodes a thread sleeps until the
 * next {@code validFrom} or {@code validTo} of any published article (at most {@link #RECHECK}; woken by every
 * publication), then brings each article that crossed a boundary in line ({@link ArticleWorkflow#refreshServing}):
 * indexed when its period begins, removed from search when it ends, the expiry sent to the sync targets once. The
 * state lives in the database, so a restarted node catches up at once with whatever it missed.
 */
@Component
class ArticleValidity implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ArticleValidity.class);
    /** A safety net only: boundaries are met by the exact wake-up. */
    static final Duration RECHECK = Duration.ofMinutes(1);

    private record Due(UUID tenantId, UUID articleId) {
    }

    /** Published articles whose search presence or expiry does not match their published version's period now. */
    private static final String DUE = """
            select a.tenant_id, a.id from kb_articles a
            join kb_article_versions v on v.article_id = a.id and v.tenant_id = a.tenant_id and v.version = a.published_version
            where a.status = 'PUBLISHED' and (
                  (a.published_document_id is null and (v.valid_from is null or v.valid_from <= now())
                                                   and (v.valid_to is null or v.valid_to > now()))
               or (a.published_document_id is not null and (v.valid_from > now() or v.valid_to <= now()))
               or (v.valid_to <= now() and a.expiry_synced_version is distinct from a.published_version))
            order by a.tenant_id, a.id limit 500""";

    private static final String NEXT_BOUNDARY = """
            select min(t) from (
                select case when v.valid_from > now() then v.valid_from
                            when v.valid_to > now() then v.valid_to end as t
                from kb_articles a
                join kb_article_versions v on v.article_id = a.id and v.tenant_id = a.tenant_id
                                           and v.version = a.published_version
                where a.status = 'PUBLISHED' and (v.valid_from > now() or v.valid_to > now())) b""";

    private final JdbcClient platformJdbc;
    private final Tenants tenants;
    private final ArticleWorkflow workflow;
    private final NodeRoles roles;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;

    ArticleValidity(JdbcClient platformJdbc, Tenants tenants, ArticleWorkflow workflow, NodeRoles roles) {
        this.platformJdbc = platformJdbc;
        this.tenants = tenants;
        this.workflow = workflow;
        this.roles = roles;
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
        if (roles.runsBackgroundWork()) {
            thread = Thread.ofVirtual().name("kb-article-validity").start(this::loop);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        wake();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                refreshDue();
                wakeUp.tryAcquire(untilNextBoundary().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Article validity round failed", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Brings every article that crossed a boundary in line; one failing article does not hold up the others. */
    void refreshDue() {
        List<Due> due = platformJdbc.sql(DUE)
                .query((rs, i) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
        for (Due d : due) {
            if (!running) {
                return;
            }
            var tenant = tenants.ref(d.tenantId());
            if (tenant.isEmpty()) {
                continue;
            }
            try {
                TenantContext.runAs(tenant.get(), () -> workflow.refreshServing(d.articleId()));
            } catch (RuntimeException e) {
                log.warn("Article {} of tenant {}: validity not applied ({}); retried next round", d.articleId(),
                        d.tenantId(), e.getMessage());
            }
        }
    }

    private Duration untilNextBoundary() {
        Timestamp next = platformJdbc.sql(NEXT_BOUNDARY).query(Timestamp.class).optional().orElse(null);
        if (next == null) {
            return RECHECK;
        }
        Duration wait = Duration.between(Instant.now(), next.toInstant()).plusMillis(5);
        if (wait.isNegative() || wait.isZero()) {
            return Duration.ofMillis(5);
        }
        return wait.compareTo(RECHECK) > 0 ? RECHECK : wait;
    }
}
