package de.wattos.knowledge.internal;

import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The current tenant's documents (and their raw upload bytes). */
@Repository
public class Documents {

    public record Document(UUID id, UUID spaceId, UUID sourceId, String url, String origin, String filename, String title,
            String contentType, String detectedType, String type, Long sizeBytes, Map<String, String> metadata,
            DocumentStatus status, String failureReason, String contentHash, UUID duplicateOf, int chunkCount, String textPreview,
            long indexSeq, Instant createdAt, Instant updatedAt, Instant indexedAt) {
    }

    public record NewDocument(UUID id, UUID spaceId, UUID sourceId, String url, String origin, String filename,
            String title, String contentType, Long sizeBytes, Map<String, String> metadata, DocumentStatus status) {
    }

    static final String COLUMNS = """
            id, space_id, source_id, url, origin, filename, title, content_type, detected_type, doc_type, size_bytes,
            metadata::text as metadata, status, failure_reason, content_hash, duplicate_of, chunk_count, text_preview,
            index_seq, created_at, updated_at, indexed_at""";

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    Documents(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(NewDocument d) {
        jdbc.sql("""
                insert into knowledge_documents (id, tenant_id, space_id, source_id, url, origin, filename, title,
                    content_type, size_bytes, metadata, status)
                values (:id, :tenantId, :spaceId, :sourceId, :url, :origin, :filename, :title, :contentType, :size,
                    cast(:metadata as jsonb), :status)""")
                .param("id", d.id()).param("spaceId", d.spaceId()).param("sourceId", d.sourceId()).param("url", d.url())
                .param("origin", d.origin()).param("filename", d.filename()).param("title", d.title())
                .param("contentType", d.contentType()).param("size", d.sizeBytes())
                .param("metadata", json.writeValueAsString(d.metadata())).param("status", d.status().wire())
                .update();
    }

    public void storeContent(UUID id, byte[] content) {
        jdbc.sql("insert into knowledge_document_content (document_id, tenant_id, content) values (:id, :tenantId, :content)")
                .param("id", id).param("content", content).update();
    }

    public Optional<byte[]> content(UUID id) {
        return jdbc.sql("select content from knowledge_document_content where tenant_id = :tenantId and document_id = :id")
                .param("id", id).query((rs, i) -> rs.getBytes(1)).optional();
    }

    /** The size of a document's kept raw bytes, without reading them; empty when none are kept. */
    public Optional<Long> contentSize(UUID id) {
        return jdbc.sql("select octet_length(content) from knowledge_document_content where tenant_id = :tenantId and document_id = :id")
                .param("id", id).query(Long.class).optional();
    }

    public Optional<Document> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from knowledge_documents where tenant_id = :tenantId and id = :id")
                .param("id", id).query(this::map).optional();
    }

    public Optional<Document> findByUrl(UUID spaceId, UUID sourceId, String url) {
        return jdbc.sql("select " + COLUMNS + """
                 from knowledge_documents where tenant_id = :tenantId and space_id = :spaceId and url = :url
                and source_id is not distinct from :sourceId and status <> :removed
                order by created_at limit 1""")
                .param("removed", DocumentStatus.REMOVED.wire()).param("spaceId", spaceId).param("sourceId", sourceId).param("url", url).query(this::map).optional();
    }

    /** Another indexed document of the space with the same text (cleaned, or as extracted before cleaning). */
    public Optional<UUID> findIndexedWithHash(UUID spaceId, String hash, String rawHash, UUID except) {
        return jdbc.sql("""
                select id from knowledge_documents where tenant_id = :tenantId and space_id = :spaceId
                and (content_hash = :hash or raw_hash = :raw) and status = :indexed and id <> :except
                order by created_at limit 1""")
                .param("indexed", DocumentStatus.INDEXED.wire()).param("spaceId", spaceId).param("hash", hash).param("raw", rawHash).param("except", except)
                .query(UUID.class).optional();
    }

    public void setFullText(UUID id, String text) {
        jdbc.sql("update knowledge_documents set full_text = :text where tenant_id = :tenantId and id = :id")
                .param("id", id).param("text", text).update();
    }

    /** The whole normalised text as indexed; for documents indexed before it was kept, the chunks' texts. */
    public String fullText(UUID id) {
        String text = jdbc.sql("select full_text from knowledge_documents where tenant_id = :tenantId and id = :id")
                .param("id", id).query(String.class).optional().orElse(null);
        if (text != null) {
            return text;
        }
        return String.join("\n\n", jdbc.sql("""
                select text from knowledge_chunks where tenant_id = :tenantId and document_id = :id order by ordinal""")
                .param("id", id).query(String.class).list());
    }

    public void setRawHash(UUID id, String rawHash) {
        jdbc.sql("update knowledge_documents set raw_hash = :raw where tenant_id = :tenantId and id = :id")
                .param("id", id).param("raw", rawHash).update();
    }

    /** text: words to find in title, URL or file name (case-insensitive, all must occur); null = no text filter. */
    public record Filter(UUID spaceId, DocumentStatus status, String source, String type, String text) {

        List<String> words() {
            return text == null ? List.of()
                    : Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).limit(10).toList();
        }
    }

    public record StatusCount(UUID spaceId, DocumentStatus status, long count) {
    }

    /** How many documents each space holds, per status (removed ones included: callers decide what to show). */
    public List<StatusCount> countsBySpaceAndStatus() {
        return jdbc.sql("select space_id, status, count(*) as n from knowledge_documents where tenant_id = :tenantId"
                        + " group by space_id, status order by space_id, status")
                .query((rs, n) -> new StatusCount(rs.getObject("space_id", UUID.class), DocumentStatus.of(rs.getString("status")), rs.getLong("n")))
                .list();
    }

    /** A LIKE pattern that finds the word literally: %, _ and \ in it match only themselves. */
    private static String containing(String word) {
        return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private String where(Filter f) {
        StringBuilder sb = new StringBuilder(" where tenant_id = :tenantId");
        if (f.spaceId() != null) {
            sb.append(" and space_id = :spaceId");
        }
        if (f.status() != null) {
            sb.append(" and status = :status");
        } else {
            sb.append(" and status <> :status");
        }
        if (f.source() != null) {
            sb.append(f.source().equals("upload") ? " and origin = 'upload'" : " and source_id = cast(:source as uuid)");
        }
        if (f.type() != null) {
            sb.append(" and doc_type = :type");
        }
        for (int i = 0; i < f.words().size(); i++) {
            String w = ":w" + i;
            sb.append(" and (title ilike ").append(w).append(" or url ilike ").append(w).append(" or filename ilike ")
                    .append(w).append(")");
        }
        return sb.toString();
    }

    private org.springframework.jdbc.core.simple.JdbcClient.StatementSpec bind(
            org.springframework.jdbc.core.simple.JdbcClient.StatementSpec spec, Filter f) {
        if (f.spaceId() != null) {
            spec = spec.param("spaceId", f.spaceId());
        }
        spec = spec.param("status", (f.status() != null ? f.status() : DocumentStatus.REMOVED).wire());
        if (f.source() != null && !f.source().equals("upload")) {
            spec = spec.param("source", f.source());
        }
        if (f.type() != null) {
            spec = spec.param("type", f.type());
        }
        List<String> words = f.words();
        for (int i = 0; i < words.size(); i++) {
            spec = spec.param("w" + i, containing(words.get(i)));
        }
        return spec;
    }

    public List<Document> list(Filter f, int page, int size) {
        return bind(jdbc.sql("select " + COLUMNS + " from knowledge_documents" + where(f)
                + " order by created_at desc, id desc limit :limit offset :offset"), f)
                .param("limit", size).param("offset", (long) page * size).query(this::map).list();
    }

    public long count(Filter f) {
        return bind(jdbc.sql("select count(*) from knowledge_documents" + where(f)), f).query(Long.class).single();
    }

    public void markFailed(UUID id, String reason, String detectedType) {
        jdbc.sql("""
                update knowledge_documents set status = :failed, failure_reason = :reason, chunk_count = 0,
                    detected_type = coalesce(:detected, detected_type), doc_type = coalesce(:type, doc_type),
                    content_hash = null, duplicate_of = null, index_seq = nextval('knowledge_index_seq'),
                    claimed_by = null, claimed_until = null, updated_at = now()
                where tenant_id = :tenantId and id = :id""")
                .param("failed", DocumentStatus.FAILED.wire()).param("id", id).param("reason", reason).param("detected", detectedType)
                .param("type", detectedType == null ? null : shortType(detectedType)).update();
        jdbc.sql("delete from knowledge_chunks where tenant_id = :tenantId and document_id = :id").param("id", id).update();
    }

    public void markDuplicate(UUID id, UUID of, String hash, String title, String detectedType) {
        jdbc.sql("""
                update knowledge_documents set status = :duplicate, duplicate_of = :of, content_hash = :hash, chunk_count = 0,
                    failure_reason = null, title = coalesce(title, :title), detected_type = :detected, doc_type = :type,
                    index_seq = nextval('knowledge_index_seq'), claimed_by = null, claimed_until = null, updated_at = now()
                where tenant_id = :tenantId and id = :id""")
                .param("duplicate", DocumentStatus.DUPLICATE.wire()).param("id", id).param("of", of).param("hash", hash).param("title", title)
                .param("detected", detectedType).param("type", shortType(detectedType)).update();
        jdbc.sql("delete from knowledge_chunks where tenant_id = :tenantId and document_id = :id").param("id", id).update();
    }

    /** Marks a document removed and drops its chunks and raw bytes; returns false if there was none. */
    public boolean markRemoved(UUID id) {
        int n = jdbc.sql("""
                update knowledge_documents set status = :removed, chunk_count = 0, index_seq = nextval('knowledge_index_seq'),
                    claimed_by = null, claimed_until = null, updated_at = now()
                where tenant_id = :tenantId and id = :id and status <> :removed""")
                .param("removed", DocumentStatus.REMOVED.wire()).param("id", id).update();
        if (n > 0) {
            jdbc.sql("delete from knowledge_chunks where tenant_id = :tenantId and document_id = :id").param("id", id).update();
            jdbc.sql("delete from knowledge_document_content where tenant_id = :tenantId and document_id = :id").param("id", id).update();
        }
        return n > 0;
    }

    public long updateMetadata(UUID id, String title, Map<String, String> metadata) {
        return jdbc.sql("""
                update knowledge_documents set title = coalesce(:title, title),
                    metadata = coalesce(cast(:metadata as jsonb), metadata),
                    index_seq = nextval('knowledge_index_seq'), updated_at = now()
                where tenant_id = :tenantId and id = :id and status <> :removed returning index_seq""")
                .param("removed", DocumentStatus.REMOVED.wire()).param("id", id).param("title", title)
                .param("metadata", metadata == null ? null : json.writeValueAsString(metadata))
                .query(Long.class).optional().orElse(-1L);
    }

    public long markIndexed(UUID id, String title, String detectedType, Map<String, String> metadata, String hash,
            int chunkCount, String preview) {
        return jdbc.sql("""
                update knowledge_documents set status = :indexed, failure_reason = null, duplicate_of = null,
                    title = :title, detected_type = :detected, doc_type = :type, metadata = cast(:metadata as jsonb),
                    content_hash = :hash, chunk_count = :chunks, text_preview = :preview,
                    index_seq = nextval('knowledge_index_seq'), indexed_at = now(), updated_at = now(),
                    claimed_by = null, claimed_until = null
                where tenant_id = :tenantId and id = :id returning index_seq""")
                .param("indexed", DocumentStatus.INDEXED.wire()).param("id", id).param("title", title).param("detected", detectedType)
                .param("type", shortType(detectedType)).param("metadata", json.writeValueAsString(metadata))
                .param("hash", hash).param("chunks", chunkCount).param("preview", preview)
                .query(Long.class).single();
    }

    public void touch(UUID id) {
        jdbc.sql("update knowledge_documents set claimed_by = null, claimed_until = null, updated_at = now() "
                + "where tenant_id = :tenantId and id = :id").param("id", id).update();
    }

    public record ChunkRow(UUID id, int ordinal, String headingPath, Integer page, int startOffset, String text,
            int tokens, float[] embedding, String model) {
    }

    public void replaceChunks(UUID documentId, UUID spaceId, List<ChunkRow> chunks) {
        jdbc.sql("delete from knowledge_chunks where tenant_id = :tenantId and document_id = :id").param("id", documentId).update();
        for (ChunkRow c : chunks) {
            jdbc.sql("""
                    insert into knowledge_chunks (id, tenant_id, space_id, document_id, ordinal, heading_path, page,
                        start_offset, text, token_count, embedding, embedding_model, embedding_dims)
                    values (:id, :tenantId, :spaceId, :documentId, :ordinal, :heading, :page, :offset, :text, :tokens,
                        :embedding, :model, :dims)""")
                    .param("id", c.id()).param("spaceId", spaceId).param("documentId", documentId)
                    .param("ordinal", c.ordinal()).param("heading", c.headingPath()).param("page", c.page())
                    .param("offset", c.startOffset()).param("text", c.text()).param("tokens", c.tokens())
                    .param("embedding", c.embedding() == null ? null : Vectors.toBytes(c.embedding()))
                    .param("model", c.model()).param("dims", c.embedding() == null ? null : c.embedding().length)
                    .update();
        }
    }

    /** Stores new vectors for existing chunks (model change) and bumps the document's index sequence. */
    public long updateEmbeddings(UUID documentId, List<ChunkRow> chunks) {
        for (ChunkRow c : chunks) {
            jdbc.sql("""
                    update knowledge_chunks set embedding = :embedding, embedding_model = :model, embedding_dims = :dims
                    where tenant_id = :tenantId and id = :id""")
                    .param("id", c.id()).param("embedding", Vectors.toBytes(c.embedding())).param("model", c.model())
                    .param("dims", c.embedding().length).update();
        }
        return jdbc.sql("""
                update knowledge_documents set index_seq = nextval('knowledge_index_seq')
                where tenant_id = :tenantId and id = :id returning index_seq""").param("id", documentId)
                .query(Long.class).optional().orElse(-1L);
    }

    /** One page of a document's chunks in reading order, paged by the database (a long PDF has thousands). */
    public List<ChunkRow> chunkPage(UUID documentId, int offset, int limit) {
        return jdbc.sql("""
                select id, ordinal, heading_path, page, start_offset, text, token_count
                from knowledge_chunks where tenant_id = :tenantId and document_id = :id
                order by ordinal offset :offset limit :limit""")
                .param("id", documentId).param("offset", offset).param("limit", limit)
                .query((rs, i) -> new ChunkRow(rs.getObject("id", UUID.class), rs.getInt("ordinal"),
                        rs.getString("heading_path"), (Integer) rs.getObject("page"), rs.getInt("start_offset"),
                        rs.getString("text"), rs.getInt("token_count"), null, null))
                .list();
    }

    public long countChunks(UUID documentId) {
        return jdbc.sql("select count(*) from knowledge_chunks where tenant_id = :tenantId and document_id = :id")
                .param("id", documentId).query(Long.class).single();
    }

    public List<ChunkRow> chunks(UUID documentId) {
        return jdbc.sql("""
                select id, ordinal, heading_path, page, start_offset, text, token_count, embedding, embedding_model
                from knowledge_chunks where tenant_id = :tenantId and document_id = :id order by ordinal""")
                .param("id", documentId)
                .query((rs, i) -> new ChunkRow(rs.getObject("id", UUID.class), rs.getInt("ordinal"),
                        rs.getString("heading_path"), (Integer) rs.getObject("page"), rs.getInt("start_offset"),
                        rs.getString("text"), rs.getInt("token_count"), Vectors.fromBytes(rs.getBytes("embedding")),
                        rs.getString("embedding_model")))
                .list();
    }

    // ---- per-source block statistics (boilerplate learning)

    /**
     * Blocks of this document seen on at least {@code minDocs} other documents of the source, and on at least
     * {@code minShare} of them (so that a sentence shared by a few pages of a big site stays).
     */
    public List<String> frequentBlocks(String sourceKey, UUID documentId, List<String> hashes, int minDocs, double minShare) {
        if (hashes.isEmpty()) {
            return List.of();
        }
        long docs = jdbc.sql("""
                select count(distinct document_id) from knowledge_source_block_docs
                where tenant_id = :tenantId and source_key = :source""").param("source", sourceKey).query(Long.class).single();
        int threshold = (int) Math.max(minDocs, Math.ceil(docs * minShare));
        return jdbc.sql("""
                select block_hash from knowledge_source_block_docs
                where tenant_id = :tenantId and source_key = :source and block_hash in (:hashes) and document_id <> :doc
                group by block_hash having count(*) >= :min""")
                .param("source", sourceKey).param("hashes", hashes).param("doc", documentId).param("min", threshold)
                .query(String.class).list();
    }

    public void recordBlocks(String sourceKey, UUID documentId, List<String> hashes) {
        jdbc.sql("delete from knowledge_source_block_docs where tenant_id = :tenantId and source_key = :source and document_id = :doc")
                .param("source", sourceKey).param("doc", documentId).update();
        for (String h : new java.util.LinkedHashSet<>(hashes)) {
            jdbc.sql("""
                    insert into knowledge_source_block_docs (tenant_id, source_key, document_id, block_hash)
                    values (:tenantId, :source, :doc, :hash) on conflict do nothing""")
                    .param("source", sourceKey).param("doc", documentId).param("hash", h).update();
        }
    }

    static String shortType(String detected) {
        if (detected == null) {
            return null;
        }
        return switch (detected) {
            case "application/pdf" -> "pdf";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "docx";
            case "application/msword" -> "doc";
            case "application/vnd.oasis.opendocument.text" -> "odt";
            case "application/rtf" -> "rtf";
            case "text/html", "application/xhtml+xml" -> "html";
            case "text/markdown", "text/x-web-markdown", "text/x-markdown" -> "markdown";
            case "text/plain" -> "text";
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel" -> "spreadsheet";
            case "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                 "application/vnd.ms-powerpoint" -> "presentation";
            default -> "other";
        };
    }

    private Document map(ResultSet rs, int row) throws SQLException {
        Map<String, String> metadata = new LinkedHashMap<>();
        String raw = rs.getString("metadata");
        if (raw != null) {
            Map<String, Object> parsed = json.readValue(raw, new TypeReference<Map<String, Object>>() { });
            parsed.forEach((k, v) -> metadata.put(k, v == null ? null : String.valueOf(v)));
        }
        long sizeValue = rs.getLong("size_bytes");
        Long size = rs.wasNull() ? null : sizeValue;
        return new Document(rs.getObject("id", UUID.class), rs.getObject("space_id", UUID.class),
                rs.getObject("source_id", UUID.class), rs.getString("url"), rs.getString("origin"), rs.getString("filename"),
                rs.getString("title"), rs.getString("content_type"), rs.getString("detected_type"), rs.getString("doc_type"),
                size, metadata, DocumentStatus.of(rs.getString("status")), rs.getString("failure_reason"),
                rs.getString("content_hash"), rs.getObject("duplicate_of", UUID.class), rs.getInt("chunk_count"),
                rs.getString("text_preview"), rs.getLong("index_seq"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("indexed_at")));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
