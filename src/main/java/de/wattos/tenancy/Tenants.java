package de.wattos.tenancy;

import de.wattos.platform.TenantRef;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What other modules may know about tenants (e.g. to bind a background job to its tenant). */
public interface Tenants {

    /** A live (not deleted) tenant. */
    Optional<TenantInfo> find(UUID id);

    /** The reference to bind with {@code TenantContext}; empty if the tenant is gone. */
    default Optional<TenantRef> ref(UUID id) {
        return find(id).map(TenantInfo::ref);
    }

    /** The tenant's free-form settings (assistant name, tone, contact …); empty map if none or unknown. */
    default Map<String, Object> settings(UUID id) {
        return find(id).map(TenantInfo::settings).orElse(Map.of());
    }

    /** The typed settings an admin maintains (contact …); all parts empty if none or unknown tenant. */
    default TenantSettings tenantSettings(UUID id) {
        return TenantSettings.fromStored(settings(id));
    }
}
