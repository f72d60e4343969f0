package de.wattos.kb.articles;

import de.wattos.platform.TenantJdbc;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;

/** The current tenant's knowledge articles and their kept versions. */
@Repository
public class Articles {

    /** The longest article body, in characters. */
    public static final int MAX_BODY_CHARS = 100_000;

    /** The article with its current (newest) version's content. */
    public record Article(UUID id, UUID spaceId, ArticleStatus status, int version, String title, String body,
            List<String> questions, List<String> tags, String authorId, String authorName, Integer approvedVersion, Integer publishedVersion,
            UUID publishedDocumentId, String reviewComment, String reviewedBy, Instant reviewedAt, String createdBy,
            Instant createdAt, Instant updatedAt, Instant validFrom, Instant validTo, List<UUID> personaIds) {
    }

    public record Version(int version, String title, String body, List<String> questions, List<String> tags, String authorId, String authorName,
            Instant createdAt, Instant validFrom, Instant validTo, List<UUID> personaIds) {

        /** Served at {@code t}: from {@code validFrom} (inclusive) until {@code validTo} (exclusive); null is open. */
        public boolean validAt(Instant t) {
            return (validFrom == null || !t.isBefore(validFrom)) && (validTo == null || t.isBefore(validTo));
        }
    }

    /** What an author writes: one version's content; {@code validFrom}/{@code validTo} may be null (open). */
    public record Content(String title, String body, List<String> questions, List<String> tags, Instant validFrom,
            Instant validTo, List<UUID> personaIds) {
        public Content {
            questions = questions == null ? List.of() : List.copyOf(questions);
            tags = tags == null ? List.of() : List.copyOf(tags);
            personaIds = personaIds == null ? List.of() : List.copyOf(personaIds);
        }
    }

    /** A status change with the columns it sets; applied only if the article still has the expected status. */
    record Change(ArticleStatus to, Integer approvedVersion, Integer publishedVersion, UUID publishedDocumentId,
            String reviewComment, String reviewedBy, boolean reviewed) {
    }

    private static final String SELECT = """
            select a.id, a.space_id, a.status, a.current_version, a.approved_version, a.published_version,
                   a.published_document_id, a.review_comment, a.reviewed_by, a.reviewed_at, a.created_by, a.created_at,
                   a.updated_at, v.title, v.body, v.questions, v.tags, v.author_id, v.author_name, v.valid_from, v.valid_to,
                   v.persona_ids
            from kb_articles a
            join kb_article_versions v on v.article_id = a.id and v.version = a.current_version
                                              and v.tenant_id = a.tenant_id
            """;

    private final TenantJdbc jdbc;

    Articles(TenantJdbc jdbc) {
        this.jdbc = jdbc;
    }

    void create(UUID id, UUID spaceId, Content content, String authorId, String authorName) {
        jdbc.sql("""
                insert into kb_articles (id, tenant_id, space_id, status, current_version, created_by)
                values (:id, :tenantId, :spaceId, :status, 1, :author)""")
                .param("id", id).param("spaceId", spaceId).param("status", ArticleStatus.DRAFT.name())
                .param("author", authorId).update();
        insertVersion(id, 1, content, authorId, authorName);
    }

    /**
     * Adds the next version and makes it the current draft, if the article is still at {@code expectedVersion}
     * in {@code expectedStatus}; false if someone else changed it first.
     */
    boolean addVersion(UUID id, int expectedVersion, ArticleStatus expectedStatus, Content content, String authorId,
            String authorName) {
        int updated = jdbc.sql("""
                update kb_articles set current_version = current_version + 1, status = :draft,
                       approved_version = null, updated_at = now()
                where tenant_id = :tenantId and id = :id and current_version = :expected and status = :expectedStatus""")
                .param("id", id).param("expected", expectedVersion).param("expectedStatus", expectedStatus.name())
                .param("draft", ArticleStatus.DRAFT.name()).update();
        if (updated == 0) {
            return false;
        }
        insertVersion(id, expectedVersion + 1, content, authorId, authorName);
        return true;
    }

    private void insertVersion(UUID id, int version, Content c, String authorId, String authorName) {
        jdbc.sql("""
                insert into kb_article_versions (article_id, tenant_id, version, title, body, questions, tags, author_id,
                                                 author_name, valid_from, valid_to, persona_ids)
                values (:id, :tenantId, :version, :title, :body, :questions, :tags, :author, :authorName, :validFrom,
                        :validTo, :personas)""")
                .param("personas", c.personaIds().toArray(UUID[]::new))
                .param("validFrom", timestamp(c.validFrom()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("validTo", timestamp(c.validTo()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("id", id).param("version", version).param("title", c.title()).param("body", c.body())
                .param("questions", c.questions().toArray(String[]::new)).param("tags", c.tags().toArray(String[]::new)).param("author", authorId).param("authorName", authorName)
                .update();
    }

    /** Applies the change if the article is still in {@code from} at {@code version}; false if it moved on. */
    boolean transition(UUID id, ArticleStatus from, int version, Change c) {
        return jdbc.sql("""
                update kb_articles set status = :to, approved_version = :approved, published_version = :published,
                       published_document_id = :document,
                       review_comment = case when :reviewed then :comment else review_comment end,
                       reviewed_by = case when :reviewed then :reviewer else reviewed_by end,
                       reviewed_at = case when :reviewed then now() else reviewed_at end,
                       updated_at = now()
                where tenant_id = :tenantId and id = :id and status = :from and current_version = :version""")
                .param("id", id).param("from", from.name()).param("version", version).param("to", c.to().name())
                .param("approved", c.approvedVersion(), java.sql.Types.INTEGER)
                .param("published", c.publishedVersion(), java.sql.Types.INTEGER)
                .param("document", c.publishedDocumentId(), java.sql.Types.OTHER)
                .param("reviewed", c.reviewed()).param("comment", c.reviewComment(), java.sql.Types.VARCHAR)
                .param("reviewer", c.reviewedBy(), java.sql.Types.VARCHAR).update() > 0;
    }

    /**
     * Sets the document the published version is served as ({@code null}: not served), if the article is still
     * published at {@code version} and still served as {@code expected}.
     */
    boolean serve(UUID id, int version, UUID expected, UUID document) {
        return jdbc.sql("""
                update kb_articles set published_document_id = :document, updated_at = now()
                where tenant_id = :tenantId and id = :id and status = :published and published_version = :version
                  and published_document_id is not distinct from :expected""")
                .param("id", id).param("version", version).param("published", ArticleStatus.PUBLISHED.name())
                .param("expected", expected, java.sql.Types.OTHER).param("document", document, java.sql.Types.OTHER)
                .update() > 0;
    }

    /** Records that the published version's expiry went to the sync outbox; false if it already did. */
    boolean markExpirySynced(UUID id, int version) {
        return jdbc.sql("""
                update kb_articles set expiry_synced_version = :version
                where tenant_id = :tenantId and id = :id and status = :published and published_version = :version
                  and expiry_synced_version is distinct from :version""")
                .param("id", id).param("version", version).param("published", ArticleStatus.PUBLISHED.name())
                .update() > 0;
    }

    Optional<Article> find(UUID id) {
        return jdbc.sql(SELECT + " where a.tenant_id = :tenantId and a.id = :id").param("id", id)
                .query(Articles::map).optional();
    }

    Optional<Version> version(UUID id, int version) {
        return jdbc.sql("""
                select version, title, body, questions, tags, author_id, author_name, created_at, valid_from, valid_to, persona_ids from kb_article_versions
                where tenant_id = :tenantId and article_id = :id and version = :version""")
                .param("id", id).param("version", version).query(Articles::mapVersion).optional();
    }

    List<Version> versions(UUID id) {
        return jdbc.sql("""
                select version, title, body, questions, tags, author_id, author_name, created_at, valid_from, valid_to, persona_ids from kb_article_versions
                where tenant_id = :tenantId and article_id = :id order by version""")
                .param("id", id).query(Articles::mapVersion).list();
    }

    public List<Article> list(ArticleStatus status, int page, int size) {
        return jdbc.sql(SELECT + """
                 where a.tenant_id = :tenantId and (cast(:status as text) is null or a.status = :status)
                 order by a.created_at, a.id limit :limit offset :offset""")
                .param("status", status == null ? null : status.name(), java.sql.Types.VARCHAR)
                .param("limit", size).param("offset", (long) page * size).query(Articles::map).list();
    }

    public long count(ArticleStatus status) {
        return jdbc.sql("""
                select count(*) from kb_articles
                where tenant_id = :tenantId and (cast(:status as text) is null or status = :status)""")
                .param("status", status == null ? null : status.name(), java.sql.Types.VARCHAR)
                .query(Long.class).single();
    }

    /** Removes the articles of a deleted knowledge space (their versions go with them). */
    int deleteOfSpace(UUID spaceId) {
        return jdbc.sql("delete from kb_articles where tenant_id = :tenantId and space_id = :spaceId")
                .param("spaceId", spaceId).update();
    }

    private static Article map(ResultSet rs, int row) throws SQLException {
        return new Article(rs.getObject("id", UUID.class), rs.getObject("space_id", UUID.class),
                ArticleStatus.valueOf(rs.getString("status")), rs.getInt("current_version"), rs.getString("title"),
                rs.getString("body"), tags(rs.getArray("questions")), tags(rs.getArray("tags")), rs.getString("author_id"), rs.getString("author_name"),
                rs.getObject("approved_version", Integer.class), rs.getObject("published_version", Integer.class),
                rs.getObject("published_document_id", UUID.class), rs.getString("review_comment"),
                rs.getString("reviewed_by"), instant(rs, "reviewed_at"), rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "valid_from"), instant(rs, "valid_to"),
                uuids(rs.getArray("persona_ids")));
    }

    private static Version mapVersion(ResultSet rs, int row) throws SQLException {
        return new Version(rs.getInt("version"), rs.getString("title"), rs.getString("body"),
                tags(rs.getArray("questions")), tags(rs.getArray("tags")),
                rs.getString("author_id"), rs.getString("author_name"), instant(rs, "created_at"),
                instant(rs, "valid_from"), instant(rs, "valid_to"), uuids(rs.getArray("persona_ids")));
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : List.of((UUID[]) array.getArray());
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static OffsetDateTime timestamp(Instant t) {
        return t == null ? null : t.atOffset(java.time.ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
