package de.wattos.llm.internal.spi;

/**
 * The SPI entry (Keycloak shape): a factory with a stable id ({@code openai}, {@code anthropic} …) that reads a
 * provider's settings and creates the provider. Per-tenant configuration names the factory by {@code type}.
 */
public interface ModelProviderFactory {

    String id();

    /** Whether prompts leave our infrastructure by default, i.e. PII protection is on unless switched off. */
    boolean externalByDefault();

    /** The public endpoint of the provider, used when a configuration names none; null = a base URL is required. */
    default String defaultBaseUrl() {
        return null;
    }

    ModelProvider create(ProviderSettings settings);
}
