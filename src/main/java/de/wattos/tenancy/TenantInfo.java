package de.wattos.tenancy;

import de.wattos.platform.TenantRef;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

public record TenantInfo(UUID id, String slug, String name, String locale, String timeZone,
        Map<String, Object> settings, Instant createdAt, Instant updatedAt) {

    public TenantRef ref() {
        return new TenantRef(id, slug, locale, ZoneId.of(timeZone));
    }
}
