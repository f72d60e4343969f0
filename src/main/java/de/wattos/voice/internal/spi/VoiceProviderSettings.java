package de.wattos.voice.internal.spi;

import java.net.URI;
import java.time.Duration;

/**
 * What a factory needs to create a provider: {@code baseUrl} (already through the URL guard), the plain API key
 * (only in memory), {@code region} (Azure), {@code model} and {@code voice} defaults, and the call deadline.
 */
public record VoiceProviderSettings(String name, String type, URI baseUrl, String apiKey, String region, String model,
        String voice, Duration timeout) {

    public VoiceProviderSettings {
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }

    @Override
    public String toString() {
        return "VoiceProviderSettings[" + name + ", " + type + ", " + baseUrl + "]"; // never the key
    }
}
