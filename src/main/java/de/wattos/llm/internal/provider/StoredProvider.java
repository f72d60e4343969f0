package de.wattos.llm.internal.provider;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A tenant's provider as stored; the key only sealed (SecretBox) plus its hint. */
public record StoredProvider(UUID id, String name, String type, String baseUrl, String apiKeySealed, String apiKeyHint,
        String apiVersion, String defaultModel, List<String> models, int timeoutSeconds, int priority, boolean enabled,
        boolean piiProtection, Instant createdAt, Instant updatedAt) {

    public StoredProvider {
        models = models == null ? List.of() : List.copyOf(models);
    }

    @Override
    public String toString() {
        return "StoredProvider[" + id + ", " + name + ", " + type + "]";
    }
}
