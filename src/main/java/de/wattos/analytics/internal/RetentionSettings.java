package de.wattos.analytics.internal;

import de.wattos.platform.TenantJdbc;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per-tenant retention of conversation logs (days after the last activity; null = keep). */
@Repository
public class RetentionSettings {

    private final TenantJdbc jdbc;
    private final JdbcClient platformJdbc;

    RetentionSettings(TenantJdbc jdbc, JdbcClient platformJdbc) {
        this.jdbc = jdbc;
        this.platformJdbc = platformJdbc;
    }

    public Integer retentionDays() {
        return jdbc.sql("select retention_days from analytics_settings where tenant_id = :tenantId")
                .query((rs, n) -> (Integer) rs.getObject(1)).optional().orElse(null);
    }

    public void setRetentionDays(Integer days, String by) {
        jdbc.sql("""
                insert into analytics_settings (tenant_id, retention_days, updated_by) values (:tenantId, :days, :by)
                on conflict (tenant_id) do update set retention_days = :days, updated_by = :by, updated_at = now()""")
                .param("days", days).param("by", by).update();
    }

    /** Tenants with a retention period, for the scheduled purge (which runs outside any tenant). */
    List<UUID> tenantsWithRetention() {
        return platformJdbc.sql("select tenant_id from analytics_settings where retention_days is not null order by tenant_id")
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }
}
