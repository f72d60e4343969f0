package de.wattos.voice.internal.config;

import java.time.Instant;
import java.util.UUID;

/** A tenant's voice provider as stored; the key only sealed plus its hint. */
public record StoredVoiceProvider(UUID id, VoicePurpose purpose, String name, String type, String baseUrl,
        String region, String apiKeySealed, String apiKeyHint, String model, String voice, int timeoutSeconds,
        int priority, boolean enabled, Instant createdAt, Instant updatedAt) {

    @Override
    public String toString() {
        return "StoredVoiceProvider[" + id + ", " + purpose + ", " + name + ", " + type + "]";
    }
}
