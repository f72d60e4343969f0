package de.wattos.kb;

import java.util.Map;
import java.util.UUID;

/** A tenant's configured sync target as its factory sees it; {@code secret} decrypted (null if none). */
public record SyncTargetConfig(UUID id, UUID tenantId, String name, String type, String url, Map<String, String> options,
        String secret) {

    public SyncTargetConfig {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public String option(String key, String fallback) {
        String v = options.get(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
