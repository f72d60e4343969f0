package de.wattos.audit.internal.web;

import de.wattos.audit.internal.ChainedAuditLog;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Page;
import de.wattos.platform.Role;
import de.wattos.platform.TenantJdbc;
import de.wattos.platform.TenantRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reading the audit trail (tenant admins: their tenant; platform admins: the platform chain) and verifying it. */
@RestController
class AuditController {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    record AuditView(UUID id, long seq, UUID tenantId, Instant at, Map<String, String> actor, String action,
            String targetType, String targetId, String outcome, String clientIp, Map<String, Object> details, String hash) {
    }

    record BrokenEntry(UUID chain, long seq, UUID id, String reason) {
    }

    record Verification(boolean ok, int chains, long entries, BrokenEntry firstBroken) {
    }

    private final TenantJdbc tenantJdbc;
    private final JdbcClient jdbc;
    private final ChainedAuditLog chain;
    private final JsonMapper json;

    AuditController(TenantJdbc tenantJdbc, JdbcClient jdbc, ChainedAuditLog chain, JsonMapper json) {
        this.tenantJdbc = tenantJdbc;
        this.jdbc = jdbc;
        this.chain = chain;
        this.json = json;
    }

    @GetMapping("/api/v1/tenants/{tenant}/audit")
    @TenantRole(Role.TENANT_ADMIN)
    Page<AuditView> tenantAudit(@PathVariable String tenant, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Page.check(page, size);
        String where = " where tenant_id = :tenantId" + filters(actor, action, from, to);
        var items = bind(tenantJdbc.sql("select * from audit_entries" + where + " order by at desc, seq desc limit :l offset :o"),
                actor, action, from, to).param("l", size).param("o", (long) page * size).query(this::map).list();
        long total = bind(tenantJdbc.sql("select count(*) from audit_entries" + where), actor, action, from, to)
                .query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    @GetMapping("/api/v1/audit")
    Page<AuditView> platformAudit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        requirePlatformAdmin();
        Page.check(page, size);
        String where = " where tenant_id is null" + filters(actor, action, from, to);
        var items = bind(jdbc.sql("select * from audit_entries" + where + " order by at desc, seq desc limit :l offset :o"),
                actor, action, from, to).param("l", size).param("o", (long) page * size).query(this::map).list();
        long total = bind(jdbc.sql("select count(*) from audit_entries" + where), actor, action, from, to).query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    /** Walks every chain in order and names the first entry whose link or hash does not hold. */
    @GetMapping("/api/v1/audit/verify")
    Verification verify() {
        requirePlatformAdmin();
        List<UUID> chains = jdbc.sql("select distinct chain from audit_entries").query(UUID.class).list();
        long entries = 0;
        BrokenEntry firstBroken = null;
        for (UUID c : chains) {
            String prev = ChainedAuditLog.GENESIS;
            long expectedSeq = 1;
            List<Object[]> all = jdbc.sql("select id, seq, tenant_id, at, actor_kind, actor_id, actor_name, action, target_type, "
                            + "target_id, outcome, client_ip, details::text, prev_hash, hash from audit_entries where chain = :c order by seq")
                    .param("c", c).query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getLong(2),
                            rs.getObject(3, UUID.class), rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                            rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15)}).list();
            for (Object[] r : all) {
                entries++;
                long seq = (Long) r[1];
                String reason = null;
                if (seq != expectedSeq) {
                    reason = "sequence gap: expected " + expectedSeq + ", found " + seq;
                } else if (!Objects.equals(prev, r[13])) {
                    reason = "link broken: previous hash does not match";
                } else {
                    String recomputed = ChainedAuditLog.hash((String) r[13], c, seq, (UUID) r[2], (Instant) r[3], (String) r[4],
                            (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9], (String) r[10],
                            (String) r[11], chain.canonical((String) r[12]));
                    if (!recomputed.equals(r[14])) {
                        reason = "content changed: hash does not match the entry";
                    }
                }
                if (reason != null) {
                    if (firstBroken == null) {
                        firstBroken = new BrokenEntry(c, seq, (UUID) r[0], reason);
                    }
                    break;
                }
                prev = (String) r[14];
                expectedSeq++;
            }
        }
        return new Verification(firstBroken == null, chains.size(), entries, firstBroken);
    }

    private static void requirePlatformAdmin() {
        if (!CurrentActor.get().isPlatformAdmin() || CurrentActor.find().isEmpty()) {
            throw ApiException.notFound("Resource");
        }
    }

    private static String filters(String actor, String action, OffsetDateTime from, OffsetDateTime to) {
        StringBuilder sb = new StringBuilder();
        if (actor != null) {
            sb.append(" and (actor_name = :actor or actor_id = :actor)");
        }
        if (action != null) {
            sb.append(action.endsWith("*") ? " and action like :action" : " and action = :action");
        }
        if (from != null) {
            sb.append(" and at >= :from");
        }
        if (to != null) {
            sb.append(" and at < :to");
        }
        return sb.toString();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, String actor, String action,
            OffsetDateTime from, OffsetDateTime to) {
        if (actor != null) {
            spec = spec.param("actor", actor);
        }
        if (action != null) {
            spec = spec.param("action", action.endsWith("*") ? action.substring(0, action.length() - 1) + "%" : action);
        }
        if (from != null) {
            spec = spec.param("from", Timestamp.from(from.toInstant()));
        }
        if (to != null) {
            spec = spec.param("to", Timestamp.from(to.toInstant()));
        }
        return spec;
    }

    private AuditView map(ResultSet rs, int row) throws SQLException {
        return new AuditView(rs.getObject("id", UUID.class), rs.getLong("seq"), rs.getObject("tenant_id", UUID.class),
                rs.getTimestamp("at").toInstant(),
                Map.of("kind", rs.getString("actor_kind"), "id", rs.getString("actor_id"), "name", rs.getString("actor_name")),
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"), rs.getString("outcome"),
                rs.getString("client_ip"), json.readValue(rs.getString("details"), MAP), rs.getString("hash"));
    }
}
