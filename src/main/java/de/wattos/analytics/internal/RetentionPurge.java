package de.wattos.analytics.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import de.wattos.audit.AuditEntry;
import de.wattos.audit.AuditLog;
import de.wattos.chat.ConversationRecords;
import de.wattos.platform.Actor;
import de.wattos.platform.NodeRoles;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.tenancy.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Erases conversations inactive for longer than their tenant's retention period, on a db-scheduler recurring
 * task (cluster-safe: one node runs it). Works in batches, each erased analytics-first then chat (see
 * {@link ConversationErasure}), so an interrupted run leaves nothing half-deleted that the next run misses.
 */
@Component
public class RetentionPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
    private static final int BATCH = 500;

    private final RetentionSettings settings;
    private final ConversationRecords chat;
    private final ConversationLog conversations;
    private final ConversationErasure erasure;
    private final AuditLog audit;
    private final Tenants tenants;
    private final Scheduler scheduler;
    private final NodeRoles roles;
    private volatile boolean running;

    RetentionPurge(DataSource dataSource, AnalyticsProperties properties, RetentionSettings settings,
            ConversationRecords chat, ConversationLog conversations, ConversationErasure erasure, AuditLog audit,
            Tenants tenants, NodeRoles roles) {
        this.roles = roles;
        this.settings = settings;
        this.chat = chat;
        this.conversations = conversations;
        this.erasure = erasure;
        this.audit = audit;
        this.tenants = tenants;
        RecurringTask<Void> task = Tasks.recurring("analytics-retention", FixedDelay.of(properties.retentionInterval()))
                .execute((instance, context) -> purgeAllTenants(Instant.now()));
        this.scheduler = Scheduler.create(dataSource)
                .tableName("scheduled_tasks")
                .startTasks(task)
                .pollingInterval(Duration.ofMinutes(1))
                .threads(1)
                .shutdownMaxWait(Duration.ofSeconds(2))
                .build();
    }

    void purgeAllTenants(Instant now) {
        for (UUID tenantId : settings.tenantsWithRetention()) {
            Optional<TenantRef> tenant = tenants.ref(tenantId);
            if (tenant.isEmpty()) {
                continue;
            }
            try {
                TenantContext.callAs(tenant.get(), () -> purge(now, Actor.SYSTEM));
            } catch (RuntimeException e) {
                log.warn("Retention purge of tenant {} failed; next run retries: {}", tenantId, e.toString());
            }
        }
    }

    /** Purges the current tenant as of {@code now}; answers the conversations erased (0 without a retention). */
    public int purge(Instant now, Actor actor) {
        Integer days = settings.retentionDays();
        if (days == null) {
            return 0;
        }
        Instant cutoff = now.minus(Duration.ofDays(days));
        int erased = 0;
        while (true) {
            Set<UUID> batch = new LinkedHashSet<>(chat.inactiveSince(cutoff, BATCH));
            if (batch.size() < BATCH) {
                // analytics rows whose chat conversation is already gone (an earlier run was interrupted, say)
                var candidates = conversations.startedBefore(cutoff, BATCH - batch.size());
                Set<UUID> inChat = new java.util.HashSet<>();
                chat.transcripts(candidates).forEach(t -> inChat.add(t.conversationId()));
                candidates.stream().filter(id -> !inChat.contains(id)).forEach(batch::add);
            }
            int n = batch.isEmpty() ? 0 : erasure.erase(batch);
            if (n == 0) {
                break;
            }
            erased += n;
        }
        if (erased > 0) {
            audit.record(AuditEntry.success(TenantContext.currentId(), actor, "analytics.conversations.purged",
                    "tenant", TenantContext.currentId().toString(),
                    Map.of("conversations", erased, "retentionDays", days, "cutoff", cutoff.toString())));
        }
        return erased;
    }

    @Override
    public void start() {
        if (roles.runsBackgroundWork()) {
            scheduler.start();
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (roles.runsBackgroundWork()) {
            scheduler.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
