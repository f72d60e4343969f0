package de.wattos.platform;

import java.util.Set;
import java.util.UUID;

/**
 * Who is acting: an authenticated user, an API key, an external OIDC subject, a widget visitor or the system.
 * {@code tenantId} is null for platform-wide actors (platform admins, the system).
 */
public record Actor(Kind kind, String id, String name, UUID tenantId, Set<Role> roles) {

    public enum Kind { USER, API_KEY, OIDC, VISITOR, SYSTEM }

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, "system", "system", null, Set.of(Role.PLATFORM_ADMIN));

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean isPlatformAdmin() {
        return roles.contains(Role.PLATFORM_ADMIN);
    }

    /** The highest role this actor holds in the given tenant, or null if it has none there. */
    public Role roleIn(UUID tenant) {
        if (isPlatformAdmin()) {
            return Role.PLATFORM_ADMIN;
        }
        if (tenantId == null || !tenantId.equals(tenant)) {
            return null;
        }
        return roles.stream().max(Enum::compareTo).orElse(null);
    }

    /** A short label for logs and the audit trail, e.g. {@code user:jdoe}. */
    public String label() {
        return kind.name().toLowerCase() + ":" + name;
    }
}
