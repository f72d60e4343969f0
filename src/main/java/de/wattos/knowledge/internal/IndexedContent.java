package de.wattos.knowledge.internal;

import de.wattos.knowledge.KnowledgeContent;
import de.wattos.platform.TenantJdbc;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** {@link KnowledgeContent} over the knowledge tables and the index's German analysis. */
@Service
class IndexedContent implements KnowledgeContent {

    private final TenantJdbc jdbc;
    private final SearchIndex index;
    private final Documents documents;

    IndexedContent(TenantJdbc jdbc, SearchIndex index, Documents documents) {
        this.jdbc = jdbc;
        this.index = index;
        this.documents = documents;
    }

    @Override
    public java.util.Optional<String> servedText(UUID documentId) {
        return documents.find(documentId).filter(d -> d.status() == DocumentStatus.INDEXED).map(d -> documents.fullText(d.id()));
    }

    @Override
    public java.util.Optional<DocumentText> document(UUID documentId) {
        return documents.find(documentId).map(d -> {
            String text = null;
            if (d.status() == DocumentStatus.INDEXED) {
                text = documents.fullText(d.id());
            } else if (d.status() == DocumentStatus.DUPLICATE && d.duplicateOf() != null) {
                text = documents.find(d.duplicateOf()).filter(o -> o.status() == DocumentStatus.INDEXED)
                        .map(o -> documents.fullText(o.id())).orElse(null);
            }
            return new DocumentText(d.id(), d.spaceId(), d.title(), d.url(), d.filename(), d.status().wire(), text);
        });
    }

    @Override
    public java.util.Optional<OriginalFile> original(UUID documentId) {
        return documents.find(documentId).filter(d -> d.status() != DocumentStatus.REMOVED)
                .flatMap(d -> documents.contentSize(d.id()).map(size -> new OriginalFile(d.filename(),
                        d.detectedType() != null ? d.detectedType() : d.contentType(), size,
                        () -> documents.content(d.id()).orElse(new byte[0]))));
    }

    @Override
    public long indexedDocuments(List<UUID> spaceIds) {
        return indexedIn(jdbc.sql("select count(*) from knowledge_documents d where d.tenant_id = :tenantId and d.status = :indexed"
                + spaceFilter(spaceIds)), spaceIds).query(Long.class).single();
    }

    @Override
    public List<IndexedDocument> documents(List<UUID> spaceIds, int limit) {
        return indexedIn(jdbc.sql("select id, space_id, title, url, chunk_count from knowledge_documents d "
                + "where d.tenant_id = :tenantId and d.status = :indexed" + spaceFilter(spaceIds)
                + " order by d.created_at desc, d.id limit :limit"), spaceIds)
                .param("limit", Math.max(0, limit))
                .query((rs, i) -> new IndexedDocument(rs.getObject("id", UUID.class), rs.getObject("space_id", UUID.class),
                        rs.getString("title"), rs.getString("url"), rs.getInt("chunk_count"))).list();
    }

    @Override
    public List<ContentChunk> chunks(List<UUID> spaceIds, int limit) {
        return indexedIn(jdbc.sql("select c.document_id, c.space_id, d.title, d.url, c.heading_path, c.text "
                + "from knowledge_chunks c join knowledge_documents d on d.id = c.document_id and d.tenant_id = :tenantId "
                + "where c.tenant_id = :tenantId and d.status = :indexed" + spaceFilter(spaceIds)
                + " order by d.created_at, d.id, c.ordinal limit :limit"), spaceIds)
                .param("limit", Math.max(0, limit))
                .query((rs, i) -> new ContentChunk(rs.getObject("document_id", UUID.class), rs.getObject("space_id", UUID.class),
                        rs.getString("title"), rs.getString("url"), rs.getString("heading_path"), rs.getString("text"))).list();
    }

    @Override
    public List<String> terms(String text) {
        return text == null || text.isBlank() ? List.of() : index.german().wholeTerms(text);
    }

    private static String spaceFilter(List<UUID> spaceIds) {
        return spaceIds == null || spaceIds.isEmpty() ? "" : " and d.space_id in (:spaceIds)";
    }

    /** Binds what every query here filters on: served documents, optionally of the given spaces. */
    private static JdbcClient.StatementSpec indexedIn(JdbcClient.StatementSpec spec, List<UUID> spaceIds) {
        spec = spec.param("indexed", DocumentStatus.INDEXED.wire());
        return spaceIds == null || spaceIds.isEmpty() ? spec : spec.param("spaceIds", spaceIds);
    }
}
