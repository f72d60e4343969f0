package de.wattos.llm.internal.spi;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** What a factory needs to create a provider. {@code apiKey} is plain here and lives only in memory. */
public record ProviderSettings(String name, String type, URI baseUrl, String apiKey, String apiVersion,
        String defaultModel, List<String> models, Duration timeout) {

    public ProviderSettings {
        models = models == null ? List.of() : List.copyOf(models);
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    }

    @Override
    public String toString() {
        return "ProviderSettings[" + name + ", " + type + ", " + baseUrl + "]"; // never the key
    }
}
