package de.wattos.platform;

/**
 * Roles, ordered from least to most privileged within a tenant. {@link #PLATFORM_ADMIN} is global and
 * includes every tenant role in every tenant.
 */
public enum Role {
    VIEWER, EDITOR, REVIEWER, TENANT_ADMIN, PLATFORM_ADMIN;

    public boolean includes(Role other) {
        return this.ordinal() >= other.ordinal();
    }
}
