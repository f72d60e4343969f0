package de.wattos.tenancy.internal;

import de.wattos.platform.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A stored user. {@code tenantId} null = platform-level user. */
public record UserAccount(UUID id, UUID tenantId, String username, String email, String displayName, String passwordHash,
        Set<Role> roles, Instant createdAt, Instant updatedAt) {
}
