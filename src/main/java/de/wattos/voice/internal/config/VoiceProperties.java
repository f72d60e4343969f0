package de.wattos.voice.internal.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wattos.voice.*} (env {@code WATTOS_VOICE_*}).
 *
 * @param maxTextLength        longest text one speech request may synthesise (characters)
 * @param maxUploadBytes       largest recording a transcription request may upload
 * @param maxRecordingSeconds  longest recording, checked where the container states its length (WAV, Ogg)
 * @param defaultVoice         the espeak voice of the offline default
 */
@ConfigurationProperties("wattos.voice")
public record VoiceProperties(
        @DefaultValue("1500") int maxTextLength,
        @DefaultValue("10485760") int maxUploadBytes,
        @DefaultValue("60") int maxRecordingSeconds,
        @DefaultValue("de") String defaultVoice) {

    /** The settings with nothing configured (what the annotations above say). */
    public static VoiceProperties defaults() {
        return new Binder().bindOrCreate("wattos.voice", VoiceProperties.class);
    }
}
