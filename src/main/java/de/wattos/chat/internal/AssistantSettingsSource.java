package de.wattos.chat.internal;

import de.wattos.character.AssistantCharacter;
import de.wattos.character.Characters;
import de.wattos.platform.TenantContext;
import de.wattos.tenancy.TenantInfo;
import de.wattos.tenancy.TenantSettings;
import de.wattos.tenancy.Tenants;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The current tenant's assistant settings: from its default character (character module) once it has one, else
 * from the tenancy module's {@code settings} map (which the default character is migrated from), with defaults for every
 * missing key. The tone and refused topics a tenant admin sets in the tenant settings hold for the character too (its
 * tone is replaced, its refused topics extended). Cached for a few seconds per tenant so the hot chat path does not read the tenant row every time.
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

    /** A tenant-wide refusal (tenant settings) holds for every character: declining more is the safe side. */
    private static List<String> union(List<String> character, List<String> tenant) {
        LinkedHashSet<String> all = new LinkedHashSet<>(character);
        all.addAll(tenant);
        return List.copyOf(all);
    }

    /** The settings of one character (an agent's, a try-out's), with the tenant's own choices applied. */
    AssistantSettings of(AssistantCharacter c) {
        TenantSettings chosen = tenants.tenantSettings(TenantContext.currentId());
        return new AssistantSettings(c.name(), c.organisation(),
                chosen.tone() != null ? chosen.tone() : c.tone() == null ? AssistantSettings.DEFAULT_TONE : c.tone(),
                AssistantSettings.DEFAULT_LANGUAGE, union(c.refusedTopics(), chosen.refusedTopics()),
                c.contact() == null ? properties.defaultContact() : c.contact(), chosen.contact(), c.refusalText());
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
            AssistantSettings fromCharacter = of(character.get());
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
