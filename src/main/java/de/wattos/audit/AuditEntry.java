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
        // an event's optional fields may be null; an audit detail is only what was actually there
        details = details == null ? Map.of() : details.entrySet().stream()
                .filter(d -> d.getKey() != null && d.getValue() != null)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public static AuditEntry success(UUID tenantId, Actor actor, String action, String targetType, String targetId,
            Map<String, Object> details) {
        return new AuditEntry(tenantId, actor, action, targetType, targetId, Outcome.SUCCESS, ClientAddress.current(), details);
    }
}
