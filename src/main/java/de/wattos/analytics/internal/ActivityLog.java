package de.wattos.analytics.internal;

import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantJdbc;
import de.wattos.platform.events.DomainEvent;
import de.wattos.tenancy.Tenants;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Agent and knowledge-base activity from the event bus (agent runs, approvals, handoffs, kb sync deliveries): each
 * event is kept once under its id, and the KPI query counts them per period. Low-volume events, so no group commit.
 */
@Component
class ActivityLog {

    private final TenantJdbc jdbc;
    private final Tenants tenants;
    private final KpiChanges changes;

    ActivityLog(TenantJdbc jdbc, Tenants tenants, KpiChanges changes) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.changes = changes;
    }

    @ApplicationModuleListener(id = "analytics.activity", condition = ActivityKind.CONDITION)
    void on(DomainEvent event) {
        if (event.tenantId() == null) {
            return;
        }
        ActivityKind.of(event.topic()).ifPresent(kind -> tenants.ref(event.tenantId()).ifPresent(tenant -> {
            int added = TenantContext.callAs(tenant, () -> jdbc.sql("""
                    insert into analytics_activity (tenant_id, event_id, kind, occurred_at)
                    values (:tenantId, :id, :kind, :at) on conflict do nothing""")
                    .param("id", event.id()).param("kind", kind.name())
                    .param("at", Timestamp.from(event.occurredAt() == null ? Instant.now() : event.occurredAt())).update());
            if (added > 0) {
                changes.committed(Set.of(tenant.id()));
            }
        }));
    }

    /** The bound tenant's activity counts in [from, to). */
    Map<ActivityKind, Long> counts(Instant from, Instant to) {
        Map<ActivityKind, Long> counts = new EnumMap<>(ActivityKind.class);
        for (ActivityKind k : ActivityKind.values()) {
            counts.put(k, 0L);
        }
        jdbc.sql("""
                select kind, count(*) from analytics_activity
                where tenant_id = :tenantId and occurred_at >= :from and occurred_at < :to group by kind""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(rs -> {
                    counts.put(ActivityKind.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }
}
