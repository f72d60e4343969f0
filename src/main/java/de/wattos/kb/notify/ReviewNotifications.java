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

    /**
     * Adds the entry unless this event already notified this user; true if it was added. {@code mailDue}: the entry
     * waits for the user's next digest mail ({@link ReviewMailDigest}).
     */
    boolean add(String userId, UUID eventId, String kind, String subjectId, String title, boolean mailDue) {
        return jdbc.sql("""
                insert into kb_notifications (id, tenant_id, user_id, event_id, kind, subject_id, title, mail_state)
                values (:id, :tenantId, :user, :event, :kind, :subject, :title, :mailState)
                on conflict (tenant_id, user_id, event_id) do nothing""")
                .param("id", Ids.newId()).param("user", userId).param("event", eventId).param("kind", kind)
                .param("subject", subjectId).param("title", title, java.sql.Types.VARCHAR)
                .param("mailState", mailDue ? "due" : null, java.sql.Types.VARCHAR).update() > 0;
    }

    /** An entry a digest mail names. */
    record Pending(String kind, String subjectId, String title, Instant createdAt, int attempts) {
    }

    /**
     * Claims the user's entries waiting for a digest (due, or claimed by a node whose lease ran out) under
     * {@code claim} until {@code until}, counting the attempt; answers them, oldest first (empty if another node was
     * quicker).
     */
    List<Pending> claimDigest(String userId, UUID claim, Instant until) {
        return jdbc.sql("""
                update kb_notifications set mail_state = 'sending', mail_claim = :claim, mail_not_before = :until,
                       mail_attempts = mail_attempts + 1
                where tenant_id = :tenantId and user_id = :user and mail_state in ('due', 'sending')
                  and (mail_not_before is null or mail_not_before < now())
                returning kind, subject_id, title, created_at, mail_attempts""")
                .param("user", userId).param("claim", claim).param("until", java.sql.Timestamp.from(until))
                .query((rs, i) -> new Pending(rs.getString("kind"), rs.getString("subject_id"), rs.getString("title"),
                        instant(rs.getObject("created_at", OffsetDateTime.class)), rs.getInt("mail_attempts"))).list()
                .stream().sorted(java.util.Comparator.comparing(Pending::createdAt)).toList();
    }

    /** Ends the claimed digest: {@code sent} or {@code skipped} (no reviewer or address any more). */
    void digestDone(UUID claim, String state) {
        jdbc.sql("""
                update kb_notifications set mail_state = :state, mail_not_before = null, mail_error = null
                where tenant_id = :tenantId and mail_claim = :claim and mail_state = 'sending'""")
                .param("state", state).param("claim", claim).update();
    }

    /**
     * A claimed digest could not be sent: its entries wait until {@code retryAt}, or are recorded {@code failed} with
     * the reason once an entry has used up {@code maxAttempts}.
     */
    void digestFailed(UUID claim, String reason, int maxAttempts, Instant retryAt) {
        jdbc.sql("""
                update kb_notifications set mail_error = :reason, mail_not_before = :retryAt,
                       mail_state = case when mail_attempts >= :max then 'failed' else 'due' end
                where tenant_id = :tenantId and mail_claim = :claim and mail_state = 'sending'""")
                .param("reason", reason, java.sql.Types.VARCHAR).param("max", maxAttempts)
                .param("retryAt", java.sql.Timestamp.from(retryAt)).param("claim", claim).update();
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
