package de.wattos.tenancy;

import java.util.Map;

/**
 * The typed tenant settings that an admin edits ({@code GET/PUT /api/v1/tenants/{tenant}/settings}). They live in
 * the tenant's settings document under their own keys, next to free-form keys other modules may still read.
 */
public record TenantSettings(TenantContact contact) {

    public static final String CONTACT_KEY = "contact";

    public TenantSettings {
        contact = contact == null ? TenantContact.NONE : contact;
    }

    public static TenantSettings fromStored(Map<String, Object> settings) {
        return new TenantSettings(TenantContact.fromStored(settings == null ? null : settings.get(CONTACT_KEY)));
    }
}
