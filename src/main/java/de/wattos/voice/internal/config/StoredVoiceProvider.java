package de.wattos.voice.internal.config;

import java.time.Instant;
import java.util.UUID;

/** A tenant's voice provider as stored; the key only sealed, plus when it was set (never any part of it). */
public record StoredVoiceProvider(UUID id, VoicePurpose purpose, String name, String type, String baseUrl,
        String region, String apiKeySealed, Instant apiKeySetAt, String model, String voice, int timeoutSeconds,
        int priority, boolean enabled, Instant createdAt, Instant updatedAt) {

    @Override
    public String toString() {
        return "StoredVoiceProvider[" + id + ", " + purpose + ", " + name + ", " + type + "]";
    }
}
