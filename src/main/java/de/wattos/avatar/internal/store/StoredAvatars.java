package de.wattos.avatar.internal.store;

import de.wattos.platform.TenantJdbc;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;

/** The current tenant's avatars and their files (tables {@code avatars}, {@code avatar_files}). */
@Repository
public class StoredAvatars {

    public record Row(UUID id, String name, String source, String sourceUrl, long sizeBytes, String reportJson,
            Instant createdAt) {
    }

    public record File(int variant, byte[] content, String sha256) {
    }

    private final TenantJdbc jdbc;

    public StoredAvatars(TenantJdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Row row) {
        jdbc.sql("""
                insert into avatars (id, tenant_id, name, source, source_url, size_bytes, report, created_at)
                values (:id, :tenantId, :name, :source, :url, :size, cast(:report as jsonb), :createdAt)""")
                .param("id", row.id()).param("name", row.name()).param("source", row.source())
                .param("url", row.sourceUrl()).param("size", row.sizeBytes()).param("report", row.reportJson())
                .param("createdAt", Timestamp.from(row.createdAt())).update();
    }

    public void insertFile(UUID avatarId, String kind, int variant, byte[] content, String sha256) {
        jdbc.sql("""
                insert into avatar_files (avatar_id, tenant_id, kind, variant, content, sha256)
                values (:id, :tenantId, :kind, :variant, :content, :sha)""")
                .param("id", avatarId).param("kind", kind).param("variant", variant).param("content", content)
                .param("sha", sha256).update();
    }

    public List<Row> all() {
        return jdbc.sql("select id, name, source, source_url, size_bytes, report::text as report, created_at from avatars "
                + "where tenant_id = :tenantId order by created_at desc").query(this::row).list();
    }

    public Optional<Row> find(UUID id) {
        return jdbc.sql("select id, name, source, source_url, size_bytes, report::text as report, created_at from avatars "
                + "where tenant_id = :tenantId and id = :id").param("id", id).query(this::row).optional();
    }

    /** The variants stored for a kind, without their content. */
    public List<Integer> variants(UUID avatarId, String kind) {
        return jdbc.sql("select variant from avatar_files where tenant_id = :tenantId and avatar_id = :id and kind = :kind "
                + "order by variant").param("id", avatarId).param("kind", kind).query(Integer.class).list();
    }

    public Optional<File> file(UUID avatarId, String kind, int variant) {
        return jdbc.sql("select variant, content, sha256 from avatar_files where tenant_id = :tenantId and avatar_id = :id "
                        + "and kind = :kind and variant = :variant")
                .param("id", avatarId).param("kind", kind).param("variant", variant)
                .query((rs, n) -> new File(rs.getInt("variant"), rs.getBytes("content"), rs.getString("sha256"))).optional();
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from avatars where tenant_id = :tenantId and id = :id").param("id", id).update() == 1;
    }

    private Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("source"),
                rs.getString("source_url"), rs.getLong("size_bytes"), rs.getString("report"),
                rs.getTimestamp("created_at").toInstant());
    }
}
