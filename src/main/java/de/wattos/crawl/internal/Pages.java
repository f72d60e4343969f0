package de.wattos.crawl.internal;

import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The crawler's memory of a source's pages: the document each URL became, validators for conditional GETs, the
 * links it had (so a 304 still leads to its children) and how many runs in a row it was missing.
 */
@Repository
public class Pages {

    public record Page(UUID sourceId, String url, UUID documentId, PageStatus lastStatus, Integer httpStatus, String etag,
            String lastModified, List<String> outlinks, int missCount, UUID lastRunId) {
    }

    public record Removal(String url, UUID documentId) {
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    /** Statuses of a page found in good health: they reset its miss count. */
    private static final List<String> HEALTHY = Stream.of(PageStatus.INDEXED, PageStatus.UNCHANGED,
            PageStatus.DUPLICATE, PageStatus.HELD).map(PageStatus::wire).toList();
    private final TenantJdbc jdbc;
    private final JsonMapper json;

    public Pages(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<Page> find(UUID sourceId, String url) {
        return jdbc.sql("select * from crawl_pages where tenant_id = :tenantId and source_id = :sourceId and url = :url")
                .param("sourceId", sourceId).param("url", url).query(this::map).optional();
    }

    /**
     * Records what this run saw of a page. {@code documentId} null keeps the stored one unless {@code clearDocument};
     * null validators/outlinks keep the stored ones.
     */
    void record(UUID sourceId, UUID runId, PageOutcome outcome) {
        String url = outcome.url();
        UUID documentId = outcome.documentId();
        List<String> outlinks = outcome.outlinks();
        String status = outcome.status().wire();
        Integer httpStatus = outcome.httpStatus();
        String etag = outcome.etag();
        String lastModified = outcome.lastModified();
        boolean clearDocument = outcome.clearDocument();
        jdbc.sql("""
                insert into crawl_pages (tenant_id, source_id, url, document_id, last_status, http_status, etag,
                  last_modified, outlinks, last_run_id, last_seen_at)
                values (:tenantId, :sourceId, :url, :documentId, :status, :httpStatus, :etag, :lastModified,
                  cast(:outlinks as jsonb), :runId, now())
                on conflict (source_id, url) do update set
                  document_id = case when :clear then null else coalesce(excluded.document_id, crawl_pages.document_id) end,
                  last_status = excluded.last_status, http_status = excluded.http_status,
                  etag = case when :clear then null else coalesce(excluded.etag, crawl_pages.etag) end,
                  last_modified = case when :clear then null else coalesce(excluded.last_modified, crawl_pages.last_modified) end,
                  outlinks = coalesce(excluded.outlinks, crawl_pages.outlinks),
                  last_run_id = excluded.last_run_id, last_seen_at = now()
                where crawl_pages.tenant_id = :tenantId
                """)
                .param("sourceId", sourceId).param("url", url).param("documentId", documentId)
                .param("status", status).param("httpStatus", httpStatus).param("etag", etag)
                .param("lastModified", lastModified)
                .param("outlinks", outlinks == null ? null : json.writeValueAsString(outlinks))
                .param("runId", runId).param("clear", clearDocument)
                .update();
    }

    /**
     * After a complete run: healthy pages seen in this run get miss count 0; pages with transient errors keep
     * theirs; every other page with a document (gone, excluded, no longer linked, not reached) counts one miss.
     * With {@code countUnseen} false (a truncated or failed run), only pages seen as gone count.
     * Answers the pages whose miss count reached {@code removeAfter}.
     */
    public List<Removal> countMisses(UUID sourceId, UUID runId, boolean countUnseen, int removeAfter) {
        jdbc.sql("""
                update crawl_pages set miss_count = case
                    when last_run_id = :runId and last_status in (:healthy) then 0
                    when last_run_id = :runId and last_status = :error then miss_count
                    when last_run_id = :runId and last_status = :gone then miss_count + 1
                    when :countUnseen then miss_count + 1
                    else miss_count end
                where tenant_id = :tenantId and source_id = :sourceId
                """).param("healthy", HEALTHY).param("error", PageStatus.ERROR.wire()).param("gone", PageStatus.GONE.wire())
                .param("sourceId", sourceId).param("runId", runId).param("countUnseen", countUnseen).update();
        return jdbc.sql("""
                select url, document_id from crawl_pages
                where tenant_id = :tenantId and source_id = :sourceId and document_id is not null and miss_count >= :n
                order by url
                """).param("sourceId", sourceId).param("n", removeAfter)
                .query((rs, i) -> new Removal(rs.getString(1), rs.getObject(2, UUID.class))).list();
    }

    public void markRemoved(UUID sourceId, String url) {
        jdbc.sql("""
                update crawl_pages set document_id = null, last_status = :removed, etag = null, last_modified = null
                where tenant_id = :tenantId and source_id = :sourceId and url = :url
                """).param("removed", PageStatus.REMOVED.wire()).param("sourceId", sourceId).param("url", url).update();
    }

    public List<UUID> documentIds(UUID sourceId) {
        return jdbc.sql("""
                select document_id from crawl_pages where tenant_id = :tenantId and source_id = :sourceId
                  and document_id is not null
                """).param("sourceId", sourceId).query(UUID.class).list();
    }

    public long countIndexed(UUID sourceId) {
        return jdbc.sql("""
                select count(*) from crawl_pages where tenant_id = :tenantId and source_id = :sourceId
                  and document_id is not null
                """).param("sourceId", sourceId).query(Long.class).single();
    }

    private Page map(ResultSet rs, int row) throws SQLException {
        String outlinks = rs.getString("outlinks");
        return new Page(rs.getObject("source_id", UUID.class), rs.getString("url"),
                rs.getObject("document_id", UUID.class), PageStatus.of(rs.getString("last_status")), (Integer) rs.getObject("http_status"),
                rs.getString("etag"), rs.getString("last_modified"),
                outlinks == null ? List.of() : json.readValue(outlinks, STRINGS), rs.getInt("miss_count"),
                rs.getObject("last_run_id", UUID.class));
    }
}
