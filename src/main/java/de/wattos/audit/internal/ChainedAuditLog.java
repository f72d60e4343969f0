package de.wattos.audit.internal;

import de.wattos.audit.AuditEntry;
import de.wattos.audit.AuditLog;
import de.wattos.platform.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends entries to the chain of their tenant (platform entries to the nil chain): an advisory lock per chain
 * serialises writers across instances, each entry stores the previous entry's hash and its own
 * {@code sha256(prevHash | canonical(entry))}. Inside a transaction, entries are appended just before it commits,
 * so an action and its audit entry commit together and the chain lock is held only from then to the commit.
 *
 * <p>Lock order: every committing transaction takes the event log's lock (its before-commit writer runs first)
 * before any chain lock ({@link #ORDER} comes later), and then the chain locks in chain order; entries recorded in
 * the middle of a transaction wait for that point too. So no two transactions hold locks the other one waits for.
 */
@Component
public class ChainedAuditLog implements AuditLog {

    /** Where the before-commit audit writers run among the transaction's synchronizations: after the event log. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;
    static final UUID PLATFORM_CHAIN = new UUID(0, 0);
    public static final String GENESIS = "0".repeat(64);
    private static final Logger log = LoggerFactory.getLogger(ChainedAuditLog.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper canonicalJson;

    ChainedAuditLog(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.canonicalJson = JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    @Override
    public void record(AuditEntry e) {
        appendAtCommit(e, null, Instant.now());
    }

    /** Appends the entry for a bus event once: a repeated event (same id) finds its entry and adds none. */
    void recordOnce(UUID eventId, Instant occurredAt, AuditEntry e) {
        appendAtCommit(e, eventId, occurredAt);
    }

    /** Inside a transaction the entry joins the transaction's batch, appended just before the commit; else at once. */
    private void appendAtCommit(AuditEntry e, UUID eventId, Instant at) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            append(e, eventId, at);
            return;
        }
        Batch batch = (Batch) TransactionSynchronizationManager.getResource(this);
        if (batch == null) {
            batch = new Batch();
            TransactionSynchronizationManager.bindResource(this, batch);
            TransactionSynchronizationManager.registerSynchronization(batch);
        }
        batch.pending.add(new Pending(e, eventId, at));
    }

    private record Pending(AuditEntry entry, UUID eventId, Instant at) {
        UUID chain() {
            return entry.tenantId() == null ? PLATFORM_CHAIN : entry.tenantId();
        }
    }

    /**
     * A transaction's entries, appended chain by chain in chain order, so two transactions writing to the same
     * chains take their locks in the same order; in the order recorded within a chain.
     */
    private final class Batch implements TransactionSynchronization {

        private final List<Pending> pending = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            pending.stream().sorted(Comparator.comparing(Pending::chain)).forEach(p -> append(p.entry(), p.eventId(), p.at()));
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(ChainedAuditLog.this);
        }

        @Override
        public int getOrder() {
            return ORDER;
        }
    }

    private void append(AuditEntry e, UUID eventId, Instant occurredAt) {
        UUID chain = e.tenantId() == null ? PLATFORM_CHAIN : e.tenantId();
        Instant at = occurredAt.truncatedTo(ChronoUnit.MICROS);
        String details = canonical(e.details());
        Boolean added = tx.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:c, 42))").param("c", chain.toString()).query().singleRow();
            if (eventId != null && jdbc.sql("select count(*) from audit_entries where event_id = :e").param("e", eventId)
                    .query(Long.class).single() > 0) {
                return false;
            }
            record Last(long seq, String hash) { }
            Last last = jdbc.sql("select seq, hash from audit_entries where chain = :c order by seq desc limit 1")
                    .param("c", chain).query((rs, n) -> new Last(rs.getLong(1), rs.getString(2))).optional()
                    .orElse(new Last(0, GENESIS));
            long seq = last.seq() + 1;
            UUID id = Ids.newId();
            String hash = hash(last.hash(), chain, seq, e.tenantId(), at, e.actor().kind().name(), e.actor().id(),
                    e.actor().name(), e.action(), e.targetType(), e.targetId(), e.outcome().name(), e.clientIp(), details);
            jdbc.sql("insert into audit_entries (id, chain, seq, tenant_id, at, actor_kind, actor_id, actor_name, action, "
                            + "target_type, target_id, outcome, client_ip, details, prev_hash, hash, event_id) values (:id, :chain, "
                            + ":seq, :tenant, :at, :ak, :aid, :an, :action, :tt, :tid, :outcome, :ip, cast(:details as jsonb), "
                            + ":prev, :hash, :event)")
                    .param("id", id).param("chain", chain).param("seq", seq).param("tenant", e.tenantId())
                    .param("at", Timestamp.from(at)).param("ak", e.actor().kind().name()).param("aid", e.actor().id())
                    .param("an", e.actor().name()).param("action", e.action()).param("tt", e.targetType())
                    .param("tid", e.targetId()).param("outcome", e.outcome().name()).param("ip", e.clientIp())
                    .param("details", details).param("prev", last.hash()).param("hash", hash).param("event", eventId).update();
            return true;
        });
        if (Boolean.TRUE.equals(added)) {
            log.debug("audit {} {} by {}", e.action(), e.targetId(), e.actor().label());
        }
    }

    public String canonical(Map<String, Object> details) {
        return canonicalJson.writeValueAsString(new TreeMap<>(details));
    }

    /** Canonical form of a stored entry's details (jsonb normalises; re-serialising sorted gives the hashed text). */
    public String canonical(String storedJson) {
        return canonicalJson.writeValueAsString(canonicalJson.readValue(storedJson, TreeMap.class));
    }

    public static String hash(String prevHash, UUID chain, long seq, UUID tenant, Instant at, String actorKind, String actorId,
            String actorName, String action, String targetType, String targetId, String outcome, String ip, String details) {
        String canonical = String.join("\u001f", prevHash, chain.toString(), Long.toString(seq), String.valueOf(tenant),
                at.toString(), actorKind, actorId, actorName, action, String.valueOf(targetType), String.valueOf(targetId),
                outcome, String.valueOf(ip), details);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
