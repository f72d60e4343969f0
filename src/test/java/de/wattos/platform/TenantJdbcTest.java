package de.wattos.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.wattos.IntegrationTest;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tenant-scoped SQL against the real database: the tenant comes only from the bound scope, never from the caller. */
@IntegrationTest
class TenantJdbcTest {

    @Autowired
    TenantJdbc tenantJdbc;
    @Autowired
    JdbcClient jdbc;

    private final String table = "tenant_jdbc_probe_" + UUID.randomUUID().toString().replace("-", "");
    private final TenantRef a = new TenantRef(UUID.randomUUID(), "a", "de", ZoneId.of("Europe/Berlin"));
    private final TenantRef b = new TenantRef(UUID.randomUUID(), "b", "de", ZoneId.of("Europe/Berlin"));

    @BeforeEach
    void createTable() {
        jdbc.sql("create table " + table + " (tenant_id uuid not null, v text not null)").update();
        jdbc.sql("insert into " + table + " values (:a, 'of a'), (:b, 'of b')").param("a", a.id()).param("b", b.id()).update();
    }

    @AfterEach
    void dropTable() {
        jdbc.sql("drop table " + table).update();
    }

    @Test
    void readsOnlyTheBoundTenantsRows() {
        assertThat(TenantContext.callAs(a, () -> tenantJdbc.sql("select v from " + table + " where tenant_id = :tenantId")
                .query(String.class).list())).containsExactly("of a");
        assertThat(TenantContext.callAs(b, () -> tenantJdbc.sql("select v from " + table + " where tenant_id = :tenantId")
                .query(String.class).list())).containsExactly("of b");
        assertThat(TenantContext.callAs(a, tenantJdbc::tenantId)).isEqualTo(a.id());
    }

    @Test
    void aCallerCannotRebindTheTenant() {
        String sql = "select v from " + table + " where tenant_id = :tenantId";
        assertThatThrownBy(() -> TenantContext.callAs(a, () -> tenantJdbc.sql(sql).param("tenantId", b.id()).query(String.class).list()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantContext.callAs(a, () -> tenantJdbc.sql(sql).params(java.util.Map.of("tenantId", b.id()))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantContext.callAs(a, () -> tenantJdbc.sql(sql).paramSource(java.util.Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TenantContext.callAs(a, () -> tenantJdbc.sql(sql + " and v = :v").param("v", "of a").query(String.class).list()))
                .containsExactly("of a");
    }

    @Test
    void refusesSqlWithoutTheTenantFilterAndUseOutsideATenantScope() {
        assertThatThrownBy(() -> TenantContext.callAs(a, () -> tenantJdbc.sql("select v from " + table).query(String.class).list()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantContext.callAs(a, () -> tenantJdbc.sql("select v from " + table + " where tenant_id = :tenantIdx")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tenantJdbc.sql("select v from " + table + " where tenant_id = :tenantId"))
                .isInstanceOf(IllegalStateException.class);
    }
}
