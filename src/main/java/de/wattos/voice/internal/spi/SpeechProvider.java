package de.wattos.voice.internal.spi;

import de.wattos.voice.SpokenText;

/** One configured text-to-speech endpoint; blocks the calling (virtual) thread; fails with {@link VoiceProviderException}. */
public interface SpeechProvider {

    SpokenText synthesize(SpeechCall call);
}
