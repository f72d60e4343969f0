package de.wattos.voice;

/**
 * Speech out and in for the current tenant (the caller binds the tenant scope). Failures are
 * {@link de.wattos.platform.ApiException}s with stable codes ({@code tts_unavailable}, {@code voice_provider_error},
 * {@code voice_rate_limited}, {@code stt_not_configured} …).
 */
public interface Voice {

    /** Audio plus word and viseme timings, from the tenant's text-to-speech provider or the offline default. */
    SpokenText speak(SpeechRequest request);

    /**
     * The same request prepared to be spoken one sentence at a time (streamed speech): bad input fails here, before
     * anything is synthesised.
     */
    SentenceSpeech speakBySentence(SpeechRequest request);

    /** The text of a short recording, from the tenant's speech-to-text provider. */
    Transcript transcribe(AudioClip clip);

    /** What this installation and the current tenant can do right now. */
    VoiceStatus status();
}
