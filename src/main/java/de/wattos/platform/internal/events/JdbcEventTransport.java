package de.wattos.platform.internal.events;

import de.wattos.platform.TenantJdbc;
import de.wattos.platform.TenantContext;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventTransport;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import de.wattos.platform.internal.cluster.RedisMode;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded default transport: table {@code event_log} with a sequence as cursor. Appends take a
 * transaction-scoped advisory lock, so sequence order is commit order and a reader that has seen sequence n
 * can never later find a smaller one appear (no gaps to miss across instances). An append joins the caller's
 * transaction (one connection per publisher); waiting readers are woken once it has committed.
 */
@Component
@Conditional(RedisMode.Off.class)
class JdbcEventTransport implements EventTransport {

    private static final Logger log = LoggerFactory.getLogger(JdbcEventTransport.class);
    private static final long APPEND_LOCK = 0x776174746f73L; // "wattos"

    private final JdbcClient jdbc;
    private final TenantJdbc tenantJdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    JdbcEventTransport(JdbcClient jdbc, TenantJdbc tenantJdbc, PlatformTransactionManager txManager, JsonMapper json) {
        this.jdbc = jdbc;
        this.tenantJdbc = tenantJdbc;
        this.tx = new TransactionTemplate(txManager);
        this.json = json;
    }

    @Override
    public void append(DomainEvent event) {
        Integer inserted = tx.execute(s -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", APPEND_LOCK).query().singleRow();
            return jdbc.sql("""
                    insert into event_log (id, tenant_id, topic, occurred_at, envelope)
                    values (:id, :tenant, :topic, :at, cast(:envelope as jsonb)) on conflict (id) do nothing""")
                    .param("id", event.id()).param("tenant", event.tenantId()).param("topic", event.topic())
                    .param("at", Timestamp.from(event.occurredAt())).param("envelope", json.writeValueAsString(event))
                    .update();
        });
        if (inserted != null && inserted > 0) {
            afterCommit(() -> listeners.forEach(Runnable::run));
        }
    }

    /** Readers woken before the commit would find nothing new and sleep until their next poll. */
    private static void afterCommit(Runnable wake) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake.run();
                }
            });
        } else {
            wake.run();
        }
    }

    @Override
    public List<Entry> readAfter(UUID tenantId, String cursor, int limit) {
        long after = cursor == null ? 0 : parse(cursor);
        return scoped(tenantId).sql("""
                select seq, envelope from event_log where tenant_id = :tenantId and seq > :after order by seq limit :limit""")
                .param("after", after).param("limit", limit)
                .query((rs, n) -> new Entry(Long.toString(rs.getLong(1)), json.readValue(rs.getString(2), DomainEvent.class)))
                .list();
    }

    @Override
    public String head(UUID tenantId) {
        Long seq = scoped(tenantId).sql("select max(seq) from event_log where tenant_id = :tenantId")
                .query(Long.class).optional().orElse(null);
        return seq == null ? null : seq.toString();
    }

    @Override
    public AutoCloseable onAppend(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public int pruneBefore(Instant instant) {
        int removed = jdbc.sql("delete from event_log where logged_at < :before").param("before", Timestamp.from(instant)).update();
        if (removed > 0) {
            log.debug("Pruned {} events logged before {}", removed, instant);
        }
        return removed;
    }

    /** A cursor that is not one of ours (or a number from another transport) reads from the start of the window. */
    static long parse(String cursor) {
        try {
            return Math.max(0, Long.parseLong(cursor.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Reads run in the subscriber's tenant scope; asking for another tenant is a programming error. */
    private TenantJdbc scoped(UUID tenantId) {
        if (!TenantContext.currentId().equals(tenantId)) {
            throw new IllegalStateException("event log read for another tenant than the bound one");
        }
        return tenantJdbc;
    }
}
