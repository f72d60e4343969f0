package de.wattos.agent.internal.service;

import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The tenant's catalogue of services. Catalogues are small (hundreds), so search ranks them in memory. */
@Repository
public class ServiceCatalogue {

    public record ServiceSpec(String name, String description, String kind, String url, String office, String fees,
            List<String> documents, List<String> keywords) {
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    ServiceCatalogue(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<CatalogueEntry> list(int offset, int limit) {
        return jdbc.sql("select * from agent_services where tenant_id = :tenantId order by name, id offset :o limit :l")
                .param("o", offset).param("l", limit).query(this::map).list();
    }

    public List<CatalogueEntry> all() {
        return jdbc.sql("select * from agent_services where tenant_id = :tenantId order by name, id limit 5000").query(this::map).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from agent_services where tenant_id = :tenantId").query(Long.class).single();
    }

    public Optional<CatalogueEntry> find(UUID id) {
        return jdbc.sql("select * from agent_services where tenant_id = :tenantId and id = :id").param("id", id)
                .query(this::map).optional();
    }

    public CatalogueEntry create(ServiceSpec spec, ServiceKind kind) {
        UUID id = Ids.newId();
        jdbc.sql("""
                insert into agent_services (id, tenant_id, name, description, kind, url, office, fees, documents, keywords)
                values (:id, :tenantId, :name, :description, :kind, :url, :office, :fees, cast(:documents as jsonb), cast(:keywords as jsonb))""")
                .param("id", id).param("name", spec.name().strip()).param("description", nullToEmpty(spec.description()))
                .param("kind", kind.key()).param("url", spec.url()).param("office", spec.office()).param("fees", spec.fees())
                .param("documents", json.writeValueAsString(orEmpty(spec.documents())))
                .param("keywords", json.writeValueAsString(orEmpty(spec.keywords()))).update();
        return find(id).orElseThrow();
    }

    public Optional<CatalogueEntry> update(UUID id, ServiceSpec spec, ServiceKind kind) {
        int n = jdbc.sql("""
                update agent_services set name = :name, description = :description, kind = :kind, url = :url, office = :office,
                fees = :fees, documents = cast(:documents as jsonb), keywords = cast(:keywords as jsonb), updated_at = now()
                where tenant_id = :tenantId and id = :id""")
                .param("id", id).param("name", spec.name().strip()).param("description", nullToEmpty(spec.description()))
                .param("kind", kind.key()).param("url", spec.url()).param("office", spec.office()).param("fees", spec.fees())
                .param("documents", json.writeValueAsString(orEmpty(spec.documents())))
                .param("keywords", json.writeValueAsString(orEmpty(spec.keywords()))).update();
        return n == 0 ? Optional.empty() : find(id);
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from agent_services where tenant_id = :tenantId and id = :id").param("id", id).update() > 0;
    }

    private CatalogueEntry map(ResultSet rs, int row) throws SQLException {
        return new CatalogueEntry(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
                ServiceKind.of(rs.getString("kind")), rs.getString("url"), rs.getString("office"), rs.getString("fees"),
                json.readValue(rs.getString("documents"), STRINGS), json.readValue(rs.getString("keywords"), STRINGS),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
