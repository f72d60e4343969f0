package de.wattos.voice.internal.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wattos.voice.*} (env {@code WATTOS_VOICE_*}).
 *
 * @param maxTextLength        longest text one speech request may synthesise (characters)
 * @param maxUploadBytes       largest recording a transcription request may upload
 * @param maxRecordingSeconds  longest recording, checked where the container states its length (WAV, Ogg)
 * @param defaultVoice         the espeak voice of the offline default
 */
@ConfigurationProperties("wattos.voice")
public record VoiceProperties(Integer maxTextLength, Integer maxUploadBytes, Integer maxRecordingSeconds,
        String defaultVoice) {

    public VoiceProperties {
        maxTextLength = maxTextLength == null ? 1500 : maxTextLength;
        maxUploadBytes = maxUploadBytes == null ? 10 * 1024 * 1024 : maxUploadBytes;
        maxRecordingSeconds = maxRecordingSeconds == null ? 60 : maxRecordingSeconds;
        defaultVoice = defaultVoice == null ? "de" : defaultVoice;
    }

    public static VoiceProperties defaults() {
        return new VoiceProperties(null, null, null, null);
    }
}
