package de.wattos.analytics.internal;

import de.wattos.platform.ApiException;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The current tenant's saved dashboards; a tenant without any gets the default one on first read. */
@Repository
public class Dashboards {

    public record Dashboard(UUID id, String name, boolean isDefault, List<DashboardLayout.Item> layout,
            Instant createdAt, Instant updatedAt) {
    }

    private static final TypeReference<List<DashboardLayout.Item>> LAYOUT = new TypeReference<>() {
    };

    /** The built-in starting point: KPI tiles, the conversation trend, unanswered questions, top pages, feedback. */
    static final List<DashboardLayout.Item> DEFAULT_LAYOUT = List.of(
            new DashboardLayout.Item("kpi-tile", 0, 0, 3, 2, Map.of("kpi", "conversations")),
            new DashboardLayout.Item("kpi-tile", 3, 0, 3, 2, Map.of("kpi", "answerRate")),
            new DashboardLayout.Item("kpi-tile", 6, 0, 3, 2, Map.of("kpi", "csat")),
            new DashboardLayout.Item("kpi-tile", 9, 0, 3, 2, Map.of("kpi", "answerTimeP95Ms")),
            new DashboardLayout.Item("time-series", 0, 2, 8, 4, Map.of("kpi", "conversations")),
            new DashboardLayout.Item("feedback", 8, 2, 4, 4, Map.of()),
            new DashboardLayout.Item("unanswered", 0, 6, 6, 4, Map.of()),
            new DashboardLayout.Item("top-pages", 6, 6, 6, 4, Map.of()));

    private final TenantJdbc jdbc;
    private final JsonMapper json;
    private final TransactionOperations tx;

    Dashboards(TenantJdbc jdbc, JsonMapper json, TransactionOperations tx) {
        this.jdbc = jdbc;
        this.json = json;
        this.tx = tx;
    }

    public List<Dashboard> list(String defaultName) {
        jdbc.sql("""
                insert into analytics_dashboards (id, tenant_id, name, is_default, layout, updated_by)
                select :id, :tenantId, :name, true, cast(:layout as jsonb), 'system'
                where not exists (select 1 from analytics_dashboards where tenant_id = :tenantId)
                on conflict do nothing""")
                .param("id", Ids.newId()).param("name", defaultName)
                .param("layout", json.writeValueAsString(DEFAULT_LAYOUT)).update();
        return jdbc.sql("select * from analytics_dashboards where tenant_id = :tenantId order by is_default desc, created_at, id")
                .query(this::map).list();
    }

    public Optional<Dashboard> find(UUID id) {
        return jdbc.sql("select * from analytics_dashboards where tenant_id = :tenantId and id = :id")
                .param("id", id).query(this::map).optional();
    }

    public Dashboard create(String name, List<DashboardLayout.Item> layout, boolean isDefault, String by) {
        UUID id = Ids.newId();
        tx.executeWithoutResult(status -> {
            if (isDefault) {
                clearDefault();
            }
            jdbc.sql("""
                    insert into analytics_dashboards (id, tenant_id, name, is_default, layout, updated_by)
                    values (:id, :tenantId, :name, :isDefault, cast(:layout as jsonb), :by)""")
                    .param("id", id).param("name", name.strip()).param("isDefault", isDefault)
                    .param("layout", json.writeValueAsString(layout)).param("by", by).update();
        });
        return find(id).orElseThrow();
    }

    public Dashboard update(UUID id, String name, List<DashboardLayout.Item> layout, Boolean isDefault, String by) {
        Boolean found = tx.execute(status -> {
            if (Boolean.TRUE.equals(isDefault)) {
                clearDefault();
            }
            return jdbc.sql("""
                    update analytics_dashboards set name = :name, layout = cast(:layout as jsonb),
                      is_default = coalesce(:isDefault, is_default), updated_at = now(), updated_by = :by
                    where tenant_id = :tenantId and id = :id""")
                    .param("id", id).param("name", name.strip()).param("layout", json.writeValueAsString(layout))
                    .param("isDefault", isDefault).param("by", by).update() > 0;
        });
        if (!Boolean.TRUE.equals(found)) {
            throw ApiException.notFound("Dashboard");
        }
        return find(id).orElseThrow();
    }

    public void delete(UUID id) {
        if (jdbc.sql("delete from analytics_dashboards where tenant_id = :tenantId and id = :id").param("id", id).update() == 0) {
            throw ApiException.notFound("Dashboard");
        }
    }

    private void clearDefault() {
        jdbc.sql("update analytics_dashboards set is_default = false where tenant_id = :tenantId and is_default").update();
    }

    private Dashboard map(ResultSet rs, int row) throws SQLException {
        return new Dashboard(rs.getObject("id", UUID.class), rs.getString("name"), rs.getBoolean("is_default"),
                json.readValue(rs.getString("layout"), LAYOUT),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
