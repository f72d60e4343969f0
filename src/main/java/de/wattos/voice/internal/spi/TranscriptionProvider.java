package de.wattos.voice.internal.spi;

import de.wattos.voice.AudioClip;
import de.wattos.voice.Transcript;

/** One configured speech-to-text endpoint; fails with {@link VoiceProviderException}. */
public interface TranscriptionProvider {

    Transcript transcribe(AudioClip clip);
}
