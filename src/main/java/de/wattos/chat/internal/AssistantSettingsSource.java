package de.wattos.chat.internal;

import de.wattos.platform.TenantContext;
import de.wattos.tenancy.TenantInfo;
import de.wattos.tenancy.Tenants;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The current tenant's assistant settings from the tenancy module's {@code settings} map, with defaults for every
 * missing key. Cached for a few seconds per tenant so the hot chat path does not read the tenant row every time.
 */
@Component
class AssistantSettingsSource {

    private static final long TTL_NANOS = 5_000_000_000L;

    private final ChatProperties properties;
    private final Tenants tenants;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(AssistantSettings settings, long loadedAt) {
    }

    AssistantSettingsSource(ChatProperties properties, Tenants tenants) {
        this.properties = properties;
        this.tenants = tenants;
    }

    AssistantSettings current() {
        UUID tenant = TenantContext.currentId();
        long now = System.nanoTime();
        Cached cached = cache.get(tenant);
        if (cached != null && now - cached.loadedAt() < TTL_NANOS) {
            return cached.settings();
        }
        Optional<TenantInfo> info = tenants.find(tenant);
        AssistantSettings settings = AssistantSettings.from(info.map(TenantInfo::settings).orElse(Map.of()),
                info.map(TenantInfo::name).orElse(null), properties.defaultContact());
        cache.put(tenant, new Cached(settings, now));
        return settings;
    }
}
