package de.wattos.tenancy.internal;

import de.wattos.platform.Ids;
import de.wattos.tenancy.TenantInfo;
import de.wattos.tenancy.Tenants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The tenants table. Tenants are platform-level rows, so this is the one repository that is not tenant-scoped. */
@Repository
public class JdbcTenants implements Tenants {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final String COLUMNS = "id, slug, name, locale, time_zone, settings::text as settings, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcTenants(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<TenantInfo> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from tenants where id = :id and deleted_at is null")
                .param("id", id).query(this::map).optional();
    }

    /** By id or slug: the form {tenant} path segments take. */
    Optional<TenantInfo> findBySegment(String segment) {
        UUID id = Ids.parseOrNull(segment);
        if (id != null) {
            return find(id);
        }
        return findBySlug(segment);
    }

    public Optional<TenantInfo> findBySlug(String slug) {
        return jdbc.sql("select " + COLUMNS + " from tenants where slug = :slug and deleted_at is null")
                .param("slug", slug).query(this::map).optional();
    }

    public List<TenantInfo> page(int page, int size) {
        return jdbc.sql("select " + COLUMNS + " from tenants where deleted_at is null order by slug limit :limit offset :offset")
                .param("limit", size).param("offset", (long) page * size).query(this::map).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from tenants where deleted_at is null").query(Long.class).single();
    }

    public void insert(TenantInfo t) {
        jdbc.sql("insert into tenants (id, slug, name, locale, time_zone, settings, created_at, updated_at) "
                        + "values (:id, :slug, :name, :locale, :tz, cast(:settings as jsonb), :created, :updated)")
                .param("id", t.id()).param("slug", t.slug()).param("name", t.name()).param("locale", t.locale())
                .param("tz", t.timeZone()).param("settings", json.writeValueAsString(t.settings()))
                .param("created", java.sql.Timestamp.from(t.createdAt()))
                .param("updated", java.sql.Timestamp.from(t.updatedAt())).update();
    }

    public void update(TenantInfo t) {
        jdbc.sql("update tenants set slug = :slug, name = :name, locale = :locale, time_zone = :tz, "
                        + "settings = cast(:settings as jsonb), updated_at = now() where id = :id and deleted_at is null")
                .param("id", t.id()).param("slug", t.slug()).param("name", t.name()).param("locale", t.locale())
                .param("tz", t.timeZone()).param("settings", json.writeValueAsString(t.settings())).update();
    }

    /**
     * Sets several keys of the settings document in one statement: a null value removes its key. False if the
     * tenant is unknown or deleted.
     */
    public boolean putSettings(UUID id, Map<String, ?> values) {
        List<String> removed = new ArrayList<>();
        Map<String, Object> set = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value == null) {
                removed.add(key);
            } else {
                set.put(key, value);
            }
        });
        return jdbc.sql("update tenants set settings = (settings - cast(:removed as text[])) || cast(:set as jsonb), "
                        + "updated_at = now() where id = :id and deleted_at is null")
                .param("id", id).param("removed", removed.toArray(String[]::new))
                .param("set", json.writeValueAsString(set)).update() == 1;
    }

    public boolean delete(UUID id) {
        return jdbc.sql("update tenants set deleted_at = now(), slug = slug || '~deleted~' || id where id = :id and deleted_at is null")
                .param("id", id).update() == 1;
    }

    private TenantInfo map(ResultSet rs, int row) throws SQLException {
        return new TenantInfo(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
                rs.getString("locale"), rs.getString("time_zone"), json.readValue(rs.getString("settings"), MAP),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
