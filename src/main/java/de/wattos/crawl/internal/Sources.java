package de.wattos.crawl.internal;

import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Website sources of the current tenant. */
@Repository
public class Sources {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private final TenantJdbc jdbc;
    private final JsonMapper json;

    public Sources(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(WebsiteSource s) {
        jdbc.sql("""
                insert into crawl_sources (id, tenant_id, space_id, type, name, start_urls, include_patterns,
                  exclude_patterns, max_depth, max_pages, same_host_only, follow_sitemaps, timeout_seconds, schedule, time_zone,
                  auth_username, auth_secret, auth_hint, requires_approval, created_at, updated_at)
                values (:id, :tenantId, :spaceId, :type, :name, cast(:startUrls as jsonb), cast(:includes as jsonb),
                  cast(:excludes as jsonb), :maxDepth, :maxPages, :sameHost, :sitemaps, :timeout, :schedule, :zone,
                  :authUser, :authSecret, :authHint, :approval, :createdAt, :updatedAt)
                """)
                .param("id", s.id()).param("spaceId", s.spaceId()).param("type", s.type()).param("name", s.name())
                .param("startUrls", json.writeValueAsString(s.startUrls()))
                .param("includes", json.writeValueAsString(s.includePatterns()))
                .param("excludes", json.writeValueAsString(s.excludePatterns()))
                .param("maxDepth", s.maxDepth()).param("maxPages", s.maxPages())
                .param("sameHost", s.sameHostOnly()).param("sitemaps", s.followSitemaps())
                .param("timeout", s.timeoutSeconds())
                .param("schedule", s.schedule()).param("zone", s.timeZone())
                .param("authUser", s.authUsername()).param("authSecret", s.authSecret()).param("authHint", s.authHint()).param("approval", s.requiresApproval())
                .param("createdAt", Timestamp.from(s.createdAt())).param("updatedAt", Timestamp.from(s.updatedAt()))
                .update();
    }

    public void update(WebsiteSource s) {
        jdbc.sql("""
                update crawl_sources set name = :name, start_urls = cast(:startUrls as jsonb),
                  include_patterns = cast(:includes as jsonb), exclude_patterns = cast(:excludes as jsonb),
                  max_depth = :maxDepth, max_pages = :maxPages, same_host_only = :sameHost, follow_sitemaps = :sitemaps, timeout_seconds = :timeout,
                  schedule = :schedule, time_zone = :zone, auth_username = :authUser, auth_secret = :authSecret,
                  auth_hint = :authHint, requires_approval = :approval, updated_at = :updatedAt
                where tenant_id = :tenantId and id = :id
                """)
                .param("id", s.id()).param("name", s.name())
                .param("startUrls", json.writeValueAsString(s.startUrls()))
                .param("includes", json.writeValueAsString(s.includePatterns()))
                .param("excludes", json.writeValueAsString(s.excludePatterns()))
                .param("maxDepth", s.maxDepth()).param("maxPages", s.maxPages())
                .param("sameHost", s.sameHostOnly()).param("sitemaps", s.followSitemaps())
                .param("timeout", s.timeoutSeconds())
                .param("schedule", s.schedule()).param("zone", s.timeZone())
                .param("authUser", s.authUsername()).param("authSecret", s.authSecret()).param("authHint", s.authHint()).param("approval", s.requiresApproval())
                .param("updatedAt", Timestamp.from(s.updatedAt()))
                .update();
    }

    public Optional<WebsiteSource> find(UUID id) {
        return jdbc.sql("select * from crawl_sources where tenant_id = :tenantId and id = :id")
                .param("id", id).query(this::map).optional();
    }

    public List<WebsiteSource> findBySpace(UUID spaceId, int limit, int offset) {
        return jdbc.sql("""
                select * from crawl_sources where tenant_id = :tenantId and space_id = :spaceId
                order by created_at, id limit :limit offset :offset
                """)
                .param("spaceId", spaceId).param("limit", limit).param("offset", offset).query(this::map).list();
    }

    public long countBySpace(UUID spaceId) {
        return jdbc.sql("select count(*) from crawl_sources where tenant_id = :tenantId and space_id = :spaceId")
                .param("spaceId", spaceId).query(Long.class).single();
    }

    public void delete(UUID id) {
        jdbc.sql("delete from crawl_sources where tenant_id = :tenantId and id = :id").param("id", id).update();
    }

    private WebsiteSource map(ResultSet rs, int row) throws SQLException {
        return new WebsiteSource(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getObject("space_id", UUID.class), rs.getString("type"), rs.getString("name"),
                json.readValue(rs.getString("start_urls"), STRINGS), json.readValue(rs.getString("include_patterns"), STRINGS),
                json.readValue(rs.getString("exclude_patterns"), STRINGS), rs.getInt("max_depth"), rs.getInt("max_pages"),
                rs.getBoolean("same_host_only"), rs.getBoolean("follow_sitemaps"), (Integer) rs.getObject("timeout_seconds"), rs.getString("schedule"),
                rs.getString("time_zone"), rs.getString("auth_username"), rs.getString("auth_secret"),
                rs.getString("auth_hint"), rs.getBoolean("requires_approval"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
