package de.wattos.kb.review;

import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The current tenant's crawl change requests. */
@Repository
public class ChangeRequests {

    /** A change request without its fetched bytes (see {@link #content}). */
    public record ChangeRequest(UUID id, UUID spaceId, UUID sourceId, String url, ChangeKind kind, ChangeStatus status,
            UUID documentId, String title, String oldText, String newText, String newHash, String contentType,
            Map<String, String> metadata, Instant detectedAt, Instant decidedAt, String decidedBy, String decidedByName,
            String comment) {
    }

    public record NewChange(UUID id, UUID spaceId, UUID sourceId, String url, ChangeKind kind, UUID documentId,
            String title, String oldText, String newText, String newHash, String contentType, byte[] content,
            Map<String, String> metadata) {
    }

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            id, space_id, source_id, url, kind, status, document_id, title, old_text, new_text, new_hash, content_type,
            metadata, detected_at, decided_at, decided_by, decided_by_name, comment""";

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    public ChangeRequests(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Replaces the page's open change (if any) with this one: the newest crawl is what the reviewer decides on. */
    public void propose(NewChange c) {
        jdbc.sql("""
                update kb_change_requests set status = :superseded, decided_at = now()
                where tenant_id = :tenantId and source_id = :sourceId and url = :url and status = :pending""")
                .param("superseded", ChangeStatus.SUPERSEDED.name()).param("pending", ChangeStatus.PENDING.name())
                .param("sourceId", c.sourceId()).param("url", c.url()).update();
        jdbc.sql("""
                insert into kb_change_requests (id, tenant_id, space_id, source_id, url, kind, status, document_id, title,
                  old_text, new_text, new_hash, content_type, content, metadata)
                values (:id, :tenantId, :spaceId, :sourceId, :url, :kind, :pending, :documentId, :title, :oldText,
                  :newText, :newHash, :contentType, :content, cast(:metadata as jsonb))""")
                .param("pending", ChangeStatus.PENDING.name()).param("id", c.id()).param("spaceId", c.spaceId()).param("sourceId", c.sourceId()).param("url", c.url())
                .param("kind", c.kind().name()).param("documentId", c.documentId(), Types.OTHER)
                .param("title", c.title(), Types.VARCHAR).param("oldText", c.oldText(), Types.VARCHAR)
                .param("newText", c.newText(), Types.VARCHAR).param("newHash", c.newHash(), Types.VARCHAR)
                .param("contentType", c.contentType(), Types.VARCHAR).param("content", c.content(), Types.BINARY)
                .param("metadata", json.writeValueAsString(c.metadata())).update();
    }

    /** The page's open change, if any. */
    public Optional<ChangeRequest> pending(UUID sourceId, String url) {
        return jdbc.sql("select " + COLUMNS + """
                 from kb_change_requests
                where tenant_id = :tenantId and source_id = :sourceId and url = :url and status = :pending""")
                .param("pending", ChangeStatus.PENDING.name()).param("sourceId", sourceId).param("url", url).query(this::map).optional();
    }

    /** Whether a reviewer has decided this exact change for the page before ({@code hash} null: a removal). */
    public boolean decided(UUID sourceId, String url, ChangeKind kind, String hash, ChangeStatus status) {
        return jdbc.sql("""
                select count(*) from kb_change_requests
                where tenant_id = :tenantId and source_id = :sourceId and url = :url and (cast(:kind as text) is null or kind = :kind) and status = :status
                  and (cast(:hash as text) is null or new_hash = :hash)""")
                .param("sourceId", sourceId).param("url", url).param("kind", kind == null ? null : kind.name(), Types.VARCHAR).param("status", status.name())
                .param("hash", hash, Types.VARCHAR).query(Long.class).single() > 0;
    }

    /** The newest decided removal of the page serving as {@code documentId}, if any. */
    public Optional<ChangeStatus> removalDecision(UUID sourceId, String url, UUID documentId) {
        return jdbc.sql("""
                select status from kb_change_requests
                where tenant_id = :tenantId and source_id = :sourceId and url = :url and kind = :removed
                  and document_id = :documentId and status in (:approved, :rejected)
                order by decided_at desc limit 1""")
                .param("removed", ChangeKind.REMOVED.name()).param("approved", ChangeStatus.APPROVED.name())
                .param("rejected", ChangeStatus.REJECTED.name()).param("sourceId", sourceId).param("url", url).param("documentId", documentId)
                .query((rs, i) -> ChangeStatus.valueOf(rs.getString(1))).optional();
    }

    /** An open change that is no longer needed (the page went back to what serves). */
    public void supersede(UUID sourceId, String url) {
        jdbc.sql("""
                update kb_change_requests set status = :superseded, decided_at = now()
                where tenant_id = :tenantId and source_id = :sourceId and url = :url and status = :pending""")
                .param("superseded", ChangeStatus.SUPERSEDED.name()).param("pending", ChangeStatus.PENDING.name())
                .param("sourceId", sourceId).param("url", url).update();
    }

    /** Decides an open change; false if it was no longer open. */
    public boolean decide(UUID id, ChangeStatus to, String actorId, String actorName, String comment) {
        return jdbc.sql("""
                update kb_change_requests set status = :to, decided_at = now(), decided_by = :actor,
                  decided_by_name = :actorName, comment = :comment, content = case when :to = :rejected then null else content end
                where tenant_id = :tenantId and id = :id and status = :pending""")
                .param("rejected", ChangeStatus.REJECTED.name()).param("pending", ChangeStatus.PENDING.name())
                .param("id", id).param("to", to.name()).param("actor", actorId).param("actorName", actorName, Types.VARCHAR)
                .param("comment", comment, Types.VARCHAR).update() > 0;
    }

    public Optional<ChangeRequest> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from kb_change_requests where tenant_id = :tenantId and id = :id")
                .param("id", id).query(this::map).optional();
    }

    public Optional<byte[]> content(UUID id) {
        return jdbc.sql("select content from kb_change_requests where tenant_id = :tenantId and id = :id and content is not null")
                .param("id", id).query((rs, i) -> rs.getBytes(1)).optional();
    }

    public List<ChangeRequest> list(ChangeStatus status, int page, int size) {
        return jdbc.sql("select " + COLUMNS + """
                 from kb_change_requests
                where tenant_id = :tenantId and (cast(:status as text) is null or status = :status)
                order by detected_at, url, id limit :limit offset :offset""")
                .param("status", status == null ? null : status.name(), Types.VARCHAR)
                .param("limit", size).param("offset", (long) page * size).query(this::map).list();
    }

    public long count(ChangeStatus status) {
        return jdbc.sql("""
                select count(*) from kb_change_requests
                where tenant_id = :tenantId and (cast(:status as text) is null or status = :status)""")
                .param("status", status == null ? null : status.name(), Types.VARCHAR).query(Long.class).single();
    }

    private ChangeRequest map(ResultSet rs, int row) throws SQLException {
        return new ChangeRequest(rs.getObject("id", UUID.class), rs.getObject("space_id", UUID.class),
                rs.getObject("source_id", UUID.class), rs.getString("url"), ChangeKind.valueOf(rs.getString("kind")),
                ChangeStatus.valueOf(rs.getString("status")), rs.getObject("document_id", UUID.class),
                rs.getString("title"), rs.getString("old_text"), rs.getString("new_text"), rs.getString("new_hash"),
                rs.getString("content_type"), json.readValue(rs.getString("metadata"), STRING_MAP),
                instant(rs, "detected_at"), instant(rs, "decided_at"), rs.getString("decided_by"),
                rs.getString("decided_by_name"), rs.getString("comment"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
