package de.wattos.voice.internal.spi;

/**
 * The text-to-speech SPI entry (Keycloak shape, as the language-model providers): a factory with a stable id
 * ({@code espeak}, {@code openai}, {@code elevenlabs}, {@code azure}) that reads a configuration and creates the
 * provider. A tenant's configuration names the factory by {@code type}.
 */
public interface SpeechProviderFactory {

    String id();

    /** The public endpoint used when a configuration names none; null = a base URL (or region) is required. */
    String defaultBaseUrl();

    /** Whether the provider runs without a key (espeak, local OpenAI-compatible servers). */
    boolean keyOptional();

    SpeechProvider create(VoiceProviderSettings settings);
}
