package de.wattos.voice.internal.espeak;

import de.wattos.voice.SpokenText.VisemeTiming;
import de.wattos.voice.SpokenText.WordTiming;
import de.wattos.voice.internal.viseme.Timeline;
import java.util.List;

/**
 * Timings for providers that send audio without them (OpenAI, Azure's REST endpoint): espeak phonemises the same
 * text and its timeline is stretched onto the provider's audio length, which keeps words and mouth shapes in the
 * right order and roughly in place. Without espeak, words are spread by length and visemes follow the letters.
 */
public final class PhonemeEstimate {

    public record Timings(List<WordTiming> words, List<VisemeTiming> visemes, long naturalDurationMs) {
    }

    private PhonemeEstimate() {
    }

    /** {@code durationMs} ≤ 0 = unknown: the espeak length (or ~70 ms per character) is taken instead. */
    public static Timings of(String text, long durationMs) {
        EspeakLibrary lib = EspeakLibrary.get();
        if (lib != null) {
            EspeakLibrary.Rendered r = lib.render(text, "de", 160);
            if (r != null && r.durationMs() > 0) {
                long target = durationMs > 0 ? durationMs : r.durationMs();
                double scale = (double) target / r.durationMs();
                List<Timeline.Phoneme> phonemes = r.phonemes().stream()
                        .map(p -> new Timeline.Phoneme(Math.round(p.ms() * scale), p.ipa())).toList();
                List<Timeline.Word> words = r.words().stream()
                        .map(w -> new Timeline.Word(Math.round(w.ms() * scale), w.start(), w.length())).toList();
                return new Timings(Timeline.words(words, phonemes, text, target), Timeline.visemes(phonemes, target), target);
            }
        }
        long target = durationMs > 0 ? durationMs : Math.max(300, text.length() * 70L);
        List<WordTiming> words = Timeline.estimatedWords(text, target);
        return new Timings(words, Timeline.fromWords(words, target), target);
    }
}
