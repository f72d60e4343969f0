package de.wattos.platform;

import java.time.ZoneId;
import java.util.UUID;

/** The tenant a request or job works for, as bound by {@link TenantContext}. */
public record TenantRef(UUID id, String slug, String locale, ZoneId timeZone) {
}
