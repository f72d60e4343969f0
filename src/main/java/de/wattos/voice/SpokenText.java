package de.wattos.voice;

import java.util.List;

/**
 * Synthesised speech: the audio and, on the audio's clock, when each word is spoken and which mouth shape
 * (viseme) shows when. {@code timing} says where the timings come from: {@code phonemes} (espeak's own phoneme
 * events), {@code provider} (the provider's word or viseme events) or {@code estimated} (spread over the audio).
 */
public record SpokenText(byte[] audio, String contentType, String format, int sampleRate, long durationMs,
        List<WordTiming> words, List<VisemeTiming> visemes, String provider, String timing) {

    public SpokenText {
        words = List.copyOf(words);
        visemes = List.copyOf(visemes);
    }

    /** A word: start {@code t} and duration {@code d} in milliseconds, the word itself {@code w}. */
    public record WordTiming(long t, long d, String w) {
    }

    /** A mouth shape: start {@code t} and duration {@code d} in milliseconds, {@code v} one of the 15 Oculus visemes. */
    public record VisemeTiming(long t, long d, String v) {
    }
}
