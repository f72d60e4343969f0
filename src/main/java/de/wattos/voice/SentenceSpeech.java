package de.wattos.voice;

import java.time.Duration;
import java.util.List;

/**
 * A text to be spoken sentence by sentence: checked and bound to the tenant's provider when created, each sentence
 * synthesised only when asked for, so a caller can send the first sentence's audio while the rest is still to come.
 * Needs no tenant scope once created.
 */
public interface SentenceSpeech {

    List<String> sentences();

    /** The audio and timings of sentence {@code index}, on that sentence's own clock (starting at 0). */
    SpokenText speak(int index);

    /**
     * The longest speaking all sentences may take: every provider call is bounded by the provider's own timeout, so a
     * stream that waits this long has a reason to be cut, and one that is shorter never is.
     */
    Duration timeLimit();
}
