package de.wattos.kb.sync;

import de.wattos.kb.SyncItem;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The current tenant's sync outbox: one row per item version and target. Rows are claimed with a lease (their next
 * attempt moved ahead), so a node that dies mid-batch leaves them to be delivered again after the lease, with the
 * same delivery ids.
 */
@Repository
public class Outbox {

    public record Entry(UUID id, UUID targetId, String itemId, String contentHash, SyncItem item, OutboxStatus status,
            int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant deliveredAt) {
    }

    public record Counts(long pending, long delivered, long dead, Instant lastDeliveredAt, String lastError) {
    }

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    public Outbox(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Adds an item version for a target; a version already there (pending, delivered or dead) is left alone. */
    public void add(UUID targetId, SyncItem item) {
        jdbc.sql("""
                insert into kb_sync_outbox (id, tenant_id, target_id, item_id, content_hash, payload, status)
                values (:id, :tenantId, :target, :item, :hash, cast(:payload as jsonb), :pending)
                on conflict (target_id, item_id, content_hash) do nothing""")
                .param("pending", OutboxStatus.PENDING.name()).param("id", Ids.newId()).param("target", targetId).param("item", item.itemId())
                .param("hash", item.version()).param("payload", json.writeValueAsString(item)).update();
    }

    /** Claims up to {@code limit} due rows of the target, oldest first, leasing them for {@code lease}. */
    public List<Entry> claim(UUID targetId, int limit, Duration lease) {
        return jdbc.sql("""
                update kb_sync_outbox set next_attempt_at = :leaseEnd
                where id in (select id from kb_sync_outbox
                             where tenant_id = :tenantId and target_id = :target and status = :pending
                               and next_attempt_at <= now()
                             order by created_at, id limit :limit for update skip locked)
                returning *""")
                .param("pending", OutboxStatus.PENDING.name()).param("target", targetId).param("limit", limit)
                .param("leaseEnd", Timestamp.from(Instant.now().plus(lease))).query(this::map).list()
                .stream().sorted(java.util.Comparator.comparing(Entry::createdAt).thenComparing(Entry::id)).toList();
    }

    public void delivered(List<UUID> ids) {
        jdbc.sql("""
                update kb_sync_outbox set status = :delivered, attempts = attempts + 1, delivered_at = now(), last_error = null
                where tenant_id = :tenantId and id in (:ids)""").param("delivered", OutboxStatus.DELIVERED.name()).param("ids", ids).update();
    }

    /** Gives claimed rows back, due now: the worker stopped before their delivery finished. */
    public void release(List<UUID> ids) {
        jdbc.sql("""
                update kb_sync_outbox set next_attempt_at = now()
                where tenant_id = :tenantId and id in (:ids) and status = :pending""")
                .param("pending", OutboxStatus.PENDING.name()).param("ids", ids).update();
    }

    /** A failed attempt: retried at {@code nextAttempt}, or dead once {@code maxAttempts} are used up. */
    public void failed(UUID id, String reason, int maxAttempts, Instant nextAttempt) {
        jdbc.sql("""
                update kb_sync_outbox set attempts = attempts + 1, last_error = :reason, next_attempt_at = :next,
                  status = case when attempts + 1 >= :max then :dead else :pending end
                where tenant_id = :tenantId and id = :id""")
                .param("dead", OutboxStatus.DEAD.name()).param("pending", OutboxStatus.PENDING.name()).param("id", id).param("reason", reason).param("max", maxAttempts)
                .param("next", Timestamp.from(nextAttempt)).update();
    }

    /** Puts the target's dead rows back in the queue, due now, with fresh attempts. */
    public int retryDead(UUID targetId) {
        return jdbc.sql("""
                update kb_sync_outbox set status = :pending, attempts = 0, next_attempt_at = now()
                where tenant_id = :tenantId and target_id = :target and status = :dead""")
                .param("pending", OutboxStatus.PENDING.name()).param("dead", OutboxStatus.DEAD.name()).param("target", targetId).update();
    }

    public Counts counts(UUID targetId) {
        return jdbc.sql("""
                select count(*) filter (where status = :pending) as pending,
                       count(*) filter (where status = :delivered) as delivered,
                       count(*) filter (where status = :dead) as dead,
                       max(delivered_at) as last_delivered,
                       (select last_error from kb_sync_outbox e where e.tenant_id = :tenantId and e.target_id = :target
                          and e.last_error is not null order by e.next_attempt_at desc limit 1) as last_error
                from kb_sync_outbox where tenant_id = :tenantId and target_id = :target""")
                .param("pending", OutboxStatus.PENDING.name()).param("delivered", OutboxStatus.DELIVERED.name())
                .param("dead", OutboxStatus.DEAD.name()).param("target", targetId)
                .query((rs, i) -> new Counts(rs.getLong("pending"), rs.getLong("delivered"), rs.getLong("dead"),
                        rs.getTimestamp("last_delivered") == null ? null : rs.getTimestamp("last_delivered").toInstant(),
                        rs.getString("last_error"))).single();
    }

    public List<Entry> list(UUID targetId, OutboxStatus status, int page, int size) {
        return jdbc.sql("""
                select * from kb_sync_outbox
                where tenant_id = :tenantId and target_id = :target and (cast(:status as text) is null or status = :status)
                order by created_at, id limit :limit offset :offset""")
                .param("target", targetId).param("status", status == null ? null : status.name(), Types.VARCHAR)
                .param("limit", size).param("offset", (long) page * size).query(this::map).list();
    }

    public long count(UUID targetId, OutboxStatus status) {
        return jdbc.sql("""
                select count(*) from kb_sync_outbox
                where tenant_id = :tenantId and target_id = :target and (cast(:status as text) is null or status = :status)""")
                .param("target", targetId).param("status", status == null ? null : status.name(), Types.VARCHAR)
                .query(Long.class).single();
    }

    private Entry map(ResultSet rs, int row) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new Entry(rs.getObject("id", UUID.class), rs.getObject("target_id", UUID.class), rs.getString("item_id"),
                rs.getString("content_hash"), json.readValue(rs.getString("payload"), SyncItem.class),
                OutboxStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), delivered == null ? null : delivered.toInstant());
    }
}
