package de.wattos.analytics.internal;

import de.wattos.platform.NodeRoles;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantJdbc;
import de.wattos.platform.TenantRef;
import de.wattos.tenancy.Tenants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Derives the daily rollups of tenants whose hourly rollups predate them (listed by migration V1003), once, in the
 * tenant's time zone: the same sums the live path writes, so a later rebuild changes nothing.
 */
@Component
class DailyRollupBackfill {

    private static final Logger log = LoggerFactory.getLogger(DailyRollupBackfill.class);

    private final JdbcClient platformJdbc;
    private final TenantJdbc jdbc;
    private final TransactionOperations tx;
    private final RollupWriter writer;
    private final Tenants tenants;
    private final NodeRoles roles;

    DailyRollupBackfill(JdbcClient platformJdbc, TenantJdbc jdbc, TransactionOperations tx, RollupWriter writer,
            Tenants tenants, NodeRoles roles) {
        this.roles = roles;
        this.platformJdbc = platformJdbc;
        this.jdbc = jdbc;
        this.tx = tx;
        this.writer = writer;
        this.tenants = tenants;
    }

    @EventListener(ApplicationReadyEvent.class)
    void backfill() {
        if (!roles.runsBackgroundWork()) {
            return;
        }
        List<UUID> pending = platformJdbc.sql("select tenant_id from analytics_daily_backfill order by tenant_id")
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
        for (UUID tenantId : pending) {
            TenantRef tenant = tenants.ref(tenantId).orElse(null);
            try {
                tx.executeWithoutResult(status -> {
                    if (tenant != null) {
                        TenantContext.runAs(tenant, this::backfillTenant);
                    }
                    platformJdbc.sql("delete from analytics_daily_backfill where tenant_id = :id").param("id", tenantId)
                            .update();
                });
            } catch (RuntimeException e) {
                log.warn("Daily rollups of tenant {} not derived; next start retries: {}", tenantId, e.toString());
            }
        }
    }

    private void backfillTenant() {
        RollupDelta delta = new RollupDelta();
        ZoneId zone = TenantContext.current().timeZone() == null ? ZoneOffset.UTC : TenantContext.current().timeZone();
        jdbc.sql("delete from analytics_daily where tenant_id = :tenantId").update();
        jdbc.sql("select * from analytics_hourly where tenant_id = :tenantId").query(rs -> {
            RollupDelta.Dims dims = new RollupDelta.Dims(rs.getString("channel"), rs.getObject("widget_id", UUID.class),
                    rs.getObject("agent_id", UUID.class), rs.getString("provider"), rs.getString("model"));
            LocalDate day = LocalDate.ofInstant(rs.getTimestamp("hour").toInstant(), zone);
            delta.daily.computeIfAbsent(new RollupDelta.DayKey(jdbc.tenantId(), day, dims),
                    k -> new Totals()).add(rs);
        });
        writer.write(delta);
    }
}
