package de.wattos.audit;

import de.wattos.platform.Actor;
import java.util.Map;
import java.util.UUID;

/**
 * One audited action. {@code tenantId} null = platform-wide (e.g. a platform admin's login). {@code action} is a
 * dotted verb such as {@code user.created}, {@code auth.login}; {@code details} never holds secrets.
 */
public record AuditEntry(UUID tenantId, Actor actor, String action, String targetType, String targetId,
        Outcome outcome, String clientIp, Map<String, Object> details) {

    public enum Outcome { SUCCESS, FAILURE, DENIED }

    public AuditEntry {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static AuditEntry success(UUID tenantId, Actor actor, String action, String targetType, String targetId,
            Map<String, Object> details) {
        return new AuditEntry(tenantId, actor, action, targetType, targetId, Outcome.SUCCESS, ClientAddress.current(), details);
    }
}
