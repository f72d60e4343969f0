package de.wattos.voice.internal.spi;

/** The speech-to-text SPI entry ({@code openai}, {@code azure}); same shape as {@link SpeechProviderFactory}. */
public interface TranscriptionProviderFactory {

    String id();

    String defaultBaseUrl();

    boolean keyOptional();

    TranscriptionProvider create(VoiceProviderSettings settings);
}
