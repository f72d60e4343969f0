package de.wattos.kb.notify;

import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Repository;

/** The current tenant's reviewer inbox entries. */
@Repository
public class ReviewNotifications {

    /** {@code kind}: {@code article} or {@code change}; {@code subjectId}: the article or change request. */
    public record Entry(UUID id, String kind, String subjectId, String title, Instant createdAt, Instant readAt) {
    }

    private final TenantJdbc jdbc;

    ReviewNotifications(TenantJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the entry unless this event already notified this user; true if it was added. */
    boolean add(String userId, UUID eventId, String kind, String subjectId, String title) {
        return jdbc.sql("""
                insert into kb_notifications (id, tenant_id, user_id, event_id, kind, subject_id, title)
                values (:id, :tenantId, :user, :event, :kind, :subject, :title)
                on conflict (tenant_id, user_id, event_id) do nothing""")
                .param("id", Ids.newId()).param("user", userId).param("event", eventId).param("kind", kind)
                .param("subject", subjectId).param("title", title, java.sql.Types.VARCHAR).update() > 0;
    }

    public List<Entry> of(String userId, boolean unreadOnly, int limit) {
        return jdbc.sql("""
                select id, kind, subject_id, title, created_at, read_at from kb_notifications
                where tenant_id = :tenantId and user_id = :user and (not :unread or read_at is null)
                order by created_at desc, id limit :limit""")
                .param("user", userId).param("unread", unreadOnly).param("limit", limit)
                .query((rs, i) -> new Entry(rs.getObject("id", UUID.class), rs.getString("kind"),
                        rs.getString("subject_id"), rs.getString("title"), instant(rs.getObject("created_at", OffsetDateTime.class)),
                        instant(rs.getObject("read_at", OffsetDateTime.class)))).list();
    }

    public long unread(String userId) {
        return jdbc.sql("select count(*) from kb_notifications where tenant_id = :tenantId and user_id = :user and read_at is null")
                .param("user", userId).query(Long.class).single();
    }

    /** Marks the user's own entry read; false if there is no such entry of this user. */
    public boolean markRead(String userId, UUID id) {
        return jdbc.sql("""
                update kb_notifications set read_at = coalesce(read_at, now())
                where tenant_id = :tenantId and user_id = :user and id = :id""")
                .param("user", userId).param("id", id).update() > 0;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
