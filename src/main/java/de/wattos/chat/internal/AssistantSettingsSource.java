package de.wattos.chat.internal;

import de.wattos.character.AssistantCharacter;
import de.wattos.character.Characters;
import de.wattos.platform.TenantContext;
import de.wattos.tenancy.TenantInfo;
import de.wattos.tenancy.Tenants;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The current tenant's assistant settings: from its default character (character module) once it has one, else
 * from the tenancy module's {@code settings} map (which the default character is migrated from), with defaults for every
 * missing key. Cached for a few seconds per tenant so the hot chat path does not read the tenant row every time.
 */
@Component
class AssistantSettingsSource {

    private static final long TTL_NANOS = 5_000_000_000L;

    private final ChatProperties properties;
    private final Tenants tenants;
    private final Characters characters;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(AssistantSettings settings, long loadedAt) {
    }

    AssistantSettingsSource(ChatProperties properties, Tenants tenants, Characters characters) {
        this.characters = characters;
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
        Optional<AssistantCharacter> character = characters.existing();
        if (character.isPresent()) {
            AssistantCharacter c = character.get();
            AssistantSettings fromCharacter = new AssistantSettings(c.name(), c.organisation(),
                    c.tone() == null ? AssistantSettings.DEFAULT_TONE : c.tone(), AssistantSettings.DEFAULT_LANGUAGE,
                    c.refusedTopics(), c.contact() == null ? properties.defaultContact() : c.contact(),
                    tenants.tenantSettings(tenant).contact(), c.refusalText());
            cache.put(tenant, new Cached(fromCharacter, now));
            return fromCharacter;
        }
        Optional<TenantInfo> info = tenants.find(tenant);
        AssistantSettings settings = AssistantSettings.from(info.map(TenantInfo::settings).orElse(Map.of()),
                info.map(TenantInfo::name).orElse(null), properties.defaultContact());
        cache.put(tenant, new Cached(settings, now));
        return settings;
    }
}
