package de.wattos.voice.internal.config;

import java.util.Locale;

/** What a configured provider is for. */
public enum VoicePurpose {
    SPEECH, TRANSCRIPTION;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VoicePurpose of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
