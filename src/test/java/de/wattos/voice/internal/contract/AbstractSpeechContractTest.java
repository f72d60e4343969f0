package de.wattos.voice.internal.contract;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.voice.SpokenText;
import de.wattos.voice.internal.spi.SpeechCall;
import de.wattos.voice.internal.spi.SpeechProvider;
import de.wattos.voice.internal.viseme.Visemes;
import org.junit.jupiter.api.Test;

/**
 * What every text-to-speech adapter guarantees: German text in, audio out, and word and viseme tracks on the audio's
 * clock (monotonic, inside the audio, only the 15 Oculus visemes). HTTP adapters add the failure half in
 * {@link AbstractHttpSpeechContractTest}.
 */
public abstract class AbstractSpeechContractTest {

    protected static final String SENTENCE = "Guten Tag, die Bürgersprechstunde ist am Mittwoch von neun bis zwölf Uhr.";

    protected abstract SpeechProvider provider();

    /** Where the timings come from for this adapter: phonemes, provider or estimated. */
    protected abstract String expectedTiming();

    @Test
    void speaksAGermanSentenceWithTimingsOnTheAudioClock() {
        SpokenText spoken = provider().synthesize(new SpeechCall(SENTENCE, null, "wav", 1.0));

        assertThat(spoken.audio()).hasSizeGreaterThan(44);
        assertThat(new String(spoken.audio(), 0, 4)).isEqualTo("RIFF");
        assertThat(spoken.contentType()).isEqualTo("audio/wav");
        assertThat(spoken.durationMs()).isGreaterThan(500);
        assertThat(spoken.timing()).isEqualTo(expectedTiming());
        assertThat(spoken.words()).extracting(SpokenText.WordTiming::w).contains("Guten", "Mittwoch");
        assertTimeline(spoken);
    }

    @Test
    void speaksFasterWhenAsked() {
        SpokenText normal = provider().synthesize(new SpeechCall("Eins zwei drei vier fünf sechs.", null, "wav", 1.0));
        SpokenText fast = provider().synthesize(new SpeechCall("Eins zwei drei vier fünf sechs.", null, "wav", 1.8));
        assertTimeline(fast);
        assertRateHonoured(normal, fast);
    }

    /** Local engines get faster; remote ones pass the rate on the wire (checked by the HTTP suite). */
    protected void assertRateHonoured(SpokenText normal, SpokenText fast) {
        assertThat(fast.durationMs()).isLessThan(normal.durationMs());
    }

    public static void assertTimeline(SpokenText spoken) {
        long previousEnd = 0;
        assertThat(spoken.visemes()).isNotEmpty();
        for (SpokenText.VisemeTiming v : spoken.visemes()) {
            assertThat(Visemes.SET).as("viseme %s", v).contains(v.v());
            assertThat(v.t()).as("viseme %s starts after the previous one ends", v).isGreaterThanOrEqualTo(previousEnd);
            assertThat(v.d()).as("viseme %s lasts", v).isPositive();
            assertThat(v.t() + v.d()).as("viseme %s inside the audio", v).isLessThanOrEqualTo(spoken.durationMs());
            previousEnd = v.t() + v.d();
        }
        assertThat(spoken.visemes().stream().map(SpokenText.VisemeTiming::v).distinct().count())
                .as("a sentence moves the mouth through several shapes").isGreaterThanOrEqualTo(5);
        long wordEnd = 0;
        for (SpokenText.WordTiming w : spoken.words()) {
            assertThat(w.t()).as("word %s", w).isGreaterThanOrEqualTo(wordEnd);
            assertThat(w.d()).as("word %s", w).isPositive();
            assertThat(w.t() + w.d()).as("word %s inside the audio", w).isLessThanOrEqualTo(spoken.durationMs());
            wordEnd = w.t() + w.d();
        }
    }
}
