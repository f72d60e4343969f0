package de.wattos.widget.internal;

import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import de.wattos.tenancy.Tenants;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Widget storage. Everything goes through {@link TenantJdbc} except {@link #findByPublicKey}: the public widget
 * API starts from nothing but the key in the embed code, so that one lookup resolves the tenant (like the auth
 * filter does for logins) and the caller then binds it with {@code TenantContext.callAs}.
 */
@Repository
public class Widgets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long CACHE_MILLIS = 5_000;

    private final TenantJdbc tenantJdbc;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Tenants tenants;
    private final Map<String, Cached> byKey = new ConcurrentHashMap<>();

    private record Cached(Optional<Widget> widget, long expires) {
    }

    Widgets(TenantJdbc tenantJdbc, JdbcClient jdbc, JsonMapper json, Tenants tenants) {
        this.tenants = tenants;
        this.tenantJdbc = tenantJdbc;
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<Widget> list(int offset, int limit) {
        return tenantJdbc.sql("""
                select * from widgets where tenant_id = :tenantId order by created_at desc, id offset :offset limit :limit""")
                .param("offset", offset).param("limit", limit).query(this::map).list();
    }

    public long count() {
        return tenantJdbc.sql("select count(*) from widgets where tenant_id = :tenantId").query(Long.class).single();
    }

    public Optional<Widget> find(UUID id) {
        return tenantJdbc.sql("select * from widgets where tenant_id = :tenantId and id = :id").param("id", id)
                .query(this::map).optional();
    }

    public Widget create(String name, WidgetStatus status, WidgetSettings settings) {
        UUID id = Ids.newId();
        String key = "wk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(18));
        tenantJdbc.sql("""
                insert into widgets (id, tenant_id, public_key, name, status, settings)
                values (:id, :tenantId, :key, :name, :status, cast(:settings as jsonb))""")
                .param("id", id).param("key", key).param("name", name).param("status", status.wire())
                .param("settings", json.writeValueAsString(settings)).update();
        return find(id).orElseThrow();
    }

    public Optional<Widget> update(UUID id, String name, WidgetStatus status, WidgetSettings settings) {
        int n = tenantJdbc.sql("""
                update widgets set name = :name, status = :status, settings = cast(:settings as jsonb), updated_at = now()
                where tenant_id = :tenantId and id = :id""")
                .param("id", id).param("name", name).param("status", status.wire())
                .param("settings", json.writeValueAsString(settings)).update();
        Optional<Widget> updated = n == 0 ? Optional.empty() : find(id);
        updated.ifPresent(w -> byKey.remove(w.publicKey()));
        return updated;
    }

    public boolean delete(UUID id) {
        Optional<Widget> existing = find(id);
        existing.ifPresent(w -> byKey.remove(w.publicKey()));
        return existing.isPresent()
                && tenantJdbc.sql("delete from widgets where tenant_id = :tenantId and id = :id").param("id", id).update() > 0;
    }

    /** Drops this instance's cached lookups of the tenant's widgets (see {@link WidgetCacheInvalidation}). */
    void forgetCached(UUID tenantId) {
        byKey.values().removeIf(c -> c.widget().map(w -> w.tenantId().equals(tenantId)).orElse(false));
    }

    /** The one tenant-resolving lookup (see class comment), live tenants only; cached for a few seconds per instance. */
    public Optional<Widget> findByPublicKey(String publicKey) {
        long now = System.currentTimeMillis();
        Cached cached = byKey.get(publicKey);
        if (cached != null && cached.expires() > now) {
            return cached.widget();
        }
        // a deleted tenant's widgets are gone for the public too
        Optional<Widget> widget = jdbc.sql("select * from widgets where public_key = :key").param("key", publicKey)
                .query(this::map).optional().filter(w -> tenants.find(w.tenantId()).isPresent());
        if (byKey.size() > 10_000) {
            byKey.clear();
        }
        byKey.put(publicKey, new Cached(widget, now + CACHE_MILLIS));
        return widget;
    }

    // ---- visitor ownership of conversations and messages

    public void recordConversation(UUID widgetId, UUID conversationId, String visitorId) {
        tenantJdbc.sql("""
                insert into widget_conversations (conversation_id, tenant_id, widget_id, visitor_id)
                values (:conversationId, :tenantId, :widgetId, :visitorId) on conflict do nothing""")
                .param("conversationId", conversationId).param("widgetId", widgetId).param("visitorId", visitorId).update();
    }

    public boolean ownsConversation(UUID widgetId, UUID conversationId, String visitorId) {
        return tenantJdbc.sql("""
                select count(*) from widget_conversations where tenant_id = :tenantId and conversation_id = :c
                and widget_id = :w and visitor_id = :v""")
                .param("c", conversationId).param("w", widgetId).param("v", visitorId).query(Long.class).single() > 0;
    }

    public void recordMessage(UUID widgetId, UUID conversationId, UUID messageId, String visitorId) {
        tenantJdbc.sql("""
                insert into widget_messages (message_id, tenant_id, widget_id, conversation_id, visitor_id)
                values (:m, :tenantId, :w, :c, :v) on conflict do nothing""")
                .param("m", messageId).param("w", widgetId).param("c", conversationId).param("v", visitorId).update();
    }

    public boolean ownsMessage(UUID widgetId, UUID messageId, String visitorId) {
        return tenantJdbc.sql("""
                select count(*) from widget_messages where tenant_id = :tenantId and message_id = :m
                and widget_id = :w and visitor_id = :v""")
                .param("m", messageId).param("w", widgetId).param("v", visitorId).query(Long.class).single() > 0;
    }

    // ---- daily usage

    public long tokensOn(UUID widgetId, LocalDate day) {
        return tenantJdbc.sql("select coalesce(sum(tokens), 0) from widget_usage where tenant_id = :tenantId and widget_id = :w and day = :d")
                .param("w", widgetId).param("d", day).query(Long.class).single();
    }

    public void addUsage(UUID widgetId, LocalDate day, long tokens) {
        tenantJdbc.sql("""
                insert into widget_usage (tenant_id, widget_id, day, tokens, messages) values (:tenantId, :w, :d, :t, 1)
                on conflict (widget_id, day) do update set tokens = widget_usage.tokens + excluded.tokens,
                messages = widget_usage.messages + 1""")
                .param("w", widgetId).param("d", day).param("t", tokens).update();
    }

    private Widget map(ResultSet rs, int row) throws SQLException {
        return new Widget(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getString("public_key"), rs.getString("name"), WidgetStatus.of(rs.getString("status")),
                json.readValue(rs.getString("settings"), WidgetSettings.class),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
