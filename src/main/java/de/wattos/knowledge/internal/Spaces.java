package de.wattos.knowledge.internal;

import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;

/** The current tenant's knowledge spaces. */
@Repository
public class Spaces {

    public record Space(UUID id, String name, String description, String language, Instant createdAt, Instant updatedAt) {
    }

    private final TenantJdbc jdbc;

    Spaces(TenantJdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Space create(String name, String description, String language) {
        UUID id = Ids.newId();
        return jdbc.sql("""
                insert into knowledge_spaces (id, tenant_id, name, description, language)
                values (:id, :tenantId, :name, :description, :language)
                returning id, name, description, language, created_at, updated_at""")
                .param("id", id).param("name", name).param("description", description).param("language", language)
                .query(Spaces::map).single();
    }

    public Optional<Space> find(UUID id) {
        return jdbc.sql("""
                select id, name, description, language, created_at, updated_at from knowledge_spaces
                where tenant_id = :tenantId and id = :id""").param("id", id).query(Spaces::map).optional();
    }

    public boolean exists(UUID id) {
        return id != null && jdbc.sql("select count(*) from knowledge_spaces where tenant_id = :tenantId and id = :id")
                .param("id", id).query(Long.class).single() > 0;
    }

    public boolean nameTaken(String name, UUID except) {
        return jdbc.sql("""
                select count(*) from knowledge_spaces where tenant_id = :tenantId and lower(name) = lower(:name)
                and (cast(:except as uuid) is null or id <> :except)""")
                .param("name", name).param("except", except).query(Long.class).single() > 0;
    }

    public List<Space> list(int page, int size) {
        return jdbc.sql("""
                select id, name, description, language, created_at, updated_at from knowledge_spaces
                where tenant_id = :tenantId order by created_at, id limit :limit offset :offset""")
                .param("limit", size).param("offset", (long) page * size).query(Spaces::map).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from knowledge_spaces where tenant_id = :tenantId").query(Long.class).single();
    }

    public Optional<Space> update(UUID id, String name, String description, String language) {
        return jdbc.sql("""
                update knowledge_spaces set name = :name, description = :description, language = :language, updated_at = now()
                where tenant_id = :tenantId and id = :id
                returning id, name, description, language, created_at, updated_at""")
                .param("id", id).param("name", name).param("description", description).param("language", language)
                .query(Spaces::map).optional();
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from knowledge_spaces where tenant_id = :tenantId and id = :id").param("id", id).update() > 0;
    }

    private static Space map(ResultSet rs, int row) throws SQLException {
        return new Space(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
                rs.getString("language"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
