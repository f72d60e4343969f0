package de.wattos.character.internal;

import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Characters and their versions: every change writes a new version, the row holds the newest. */
@Repository
public class SavedCharacters {

    public record Version(int version, CharacterSpec spec, String actor, String note, Instant createdAt) {
    }

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    SavedCharacters(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<StoredCharacter> list(int offset, int limit) {
        return jdbc.sql("select * from characters where tenant_id = :tenantId order by is_default desc, created_at, id offset :o limit :l")
                .param("o", offset).param("l", limit).query(this::map).list();
    }

    long count() {
        return jdbc.sql("select count(*) from characters where tenant_id = :tenantId").query(Long.class).single();
    }

    Optional<StoredCharacter> find(UUID id) {
        return jdbc.sql("select * from characters where tenant_id = :tenantId and id = :id").param("id", id)
                .query(this::map).optional();
    }

    Optional<StoredCharacter> findDefault() {
        return jdbc.sql("select * from characters where tenant_id = :tenantId and is_default").query(this::map).optional();
    }

    @Transactional
    StoredCharacter create(CharacterSpec spec, boolean isDefault, String actor, String note) {
        UUID id = Ids.newId();
        if (isDefault) {
            jdbc.sql("update characters set is_default = false where tenant_id = :tenantId and is_default").update();
        }
        jdbc.sql("""
                insert into characters (id, tenant_id, name, version, is_default, data)
                values (:id, :tenantId, :name, 1, :isDefault, cast(:data as jsonb))""")
                .param("id", id).param("name", spec.name()).param("isDefault", isDefault)
                .param("data", json.writeValueAsString(spec)).update();
        writeVersion(id, 1, spec, actor, note);
        return find(id).orElseThrow();
    }

    @Transactional
    Optional<StoredCharacter> update(UUID id, CharacterSpec spec, Boolean makeDefault, String actor, String note) {
        Optional<StoredCharacter> current = jdbc.sql("select * from characters where tenant_id = :tenantId and id = :id for update")
                .param("id", id).query(this::map).optional();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        int version = current.get().version() + 1;
        if (Boolean.TRUE.equals(makeDefault)) {
            jdbc.sql("update characters set is_default = false where tenant_id = :tenantId and is_default and id <> :id")
                    .param("id", id).update();
        }
        jdbc.sql("""
                update characters set name = :name, version = :version, data = cast(:data as jsonb), updated_at = now(),
                is_default = coalesce(:makeDefault, is_default) where tenant_id = :tenantId and id = :id""")
                .param("id", id).param("name", spec.name()).param("version", version)
                .param("data", json.writeValueAsString(spec)).param("makeDefault", makeDefault).update();
        writeVersion(id, version, spec, actor, note);
        return find(id);
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from characters where tenant_id = :tenantId and id = :id").param("id", id).update() > 0;
    }

    List<Version> versions(UUID id) {
        return jdbc.sql("""
                select version, data, actor, note, created_at from character_versions
                where tenant_id = :tenantId and character_id = :id order by version desc""")
                .param("id", id).query((rs, i) -> new Version(rs.getInt("version"),
                        json.readValue(rs.getString("data"), CharacterSpec.class), rs.getString("actor"), rs.getString("note"),
                        instant(rs, "created_at"))).list();
    }

    Optional<CharacterSpec> version(UUID id, int version) {
        return jdbc.sql("select data from character_versions where tenant_id = :tenantId and character_id = :id and version = :v")
                .param("id", id).param("v", version)
                .query((rs, i) -> json.readValue(rs.getString("data"), CharacterSpec.class)).optional();
    }

    private void writeVersion(UUID id, int version, CharacterSpec spec, String actor, String note) {
        jdbc.sql("""
                insert into character_versions (character_id, tenant_id, version, data, actor, note)
                values (:id, :tenantId, :version, cast(:data as jsonb), :actor, :note)""")
                .param("id", id).param("version", version).param("data", json.writeValueAsString(spec))
                .param("actor", actor).param("note", note).update();
    }

    private StoredCharacter map(ResultSet rs, int row) throws SQLException {
        return new StoredCharacter(rs.getObject("id", UUID.class), rs.getInt("version"), rs.getBoolean("is_default"),
                json.readValue(rs.getString("data"), CharacterSpec.class), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
