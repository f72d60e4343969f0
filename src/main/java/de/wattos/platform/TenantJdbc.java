package de.wattos.platform;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tenant-scoped SQL: the central filter for tenant data. Every statement must reference {@code :tenantId},
 * which is always bound to the tenant of the current {@link TenantContext} and can be set by nothing else.
 * Repositories of tenant-owned tables use this instead of a plain {@link JdbcClient}.
 *
 * <pre>
 * tenantJdbc.sql("select * from spaces where tenant_id = :tenantId and id = :id").param("id", id)...
 * </pre>
 */
@Component
public class TenantJdbc {

    private static final Pattern TENANT_PARAM = Pattern.compile(":tenantId\\b");

    private final JdbcClient jdbc;

    public TenantJdbc(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public JdbcClient.StatementSpec sql(String sql) {
        if (!TENANT_PARAM.matcher(sql).find()) {
            throw new IllegalArgumentException("Tenant-scoped SQL must filter by :tenantId: " + sql);
        }
        UUID tenant = TenantContext.currentId();
        return jdbc.sql(sql).param("tenantId", tenant);
    }

    public UUID tenantId() {
        return TenantContext.currentId();
    }
}
