package de.wattos.voice.internal.contract;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.voice.SpokenText;
import de.wattos.voice.internal.espeak.EspeakLibrary;
import de.wattos.voice.internal.espeak.EspeakSpeechFactory;
import de.wattos.voice.internal.spi.SpeechCall;
import de.wattos.voice.internal.spi.SpeechProvider;
import de.wattos.voice.internal.spi.VoiceProviderException;
import de.wattos.voice.internal.spi.VoiceProviderSettings;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The offline default through FFM on the real libespeak-ng (installed by .ci/run): real phoneme timings. */
class EspeakContractTest extends AbstractSpeechContractTest {

    @Override
    protected SpeechProvider provider() {
        assertThat(EspeakLibrary.problem()).as("espeak-ng must be installed for this suite").isNull();
        return new EspeakSpeechFactory().create(new VoiceProviderSettings("espeak", "espeak", null, null, null, null,
                "de", null));
    }

    @Override
    protected String expectedTiming() {
        return "phonemes";
    }

    @Test
    void rendersGerman22050HzMonoWithVisemesFromPhonemes() {
        SpokenText s = provider().synthesize(new SpeechCall(SENTENCE, null, "wav", 1.0));
        assertThat(s.sampleRate()).isEqualTo(22050);
        byte[] a = s.audio();
        assertThat(a[22] | a[23] << 8).as("channels").isEqualTo(1);
        assertThat(a[34] | a[35] << 8).as("bits per sample").isEqualTo(16);
        assertThat(s.words()).hasSize(SENTENCE.split("\\s+").length);
        assertThat(s.words().getLast().w()).isEqualTo("Uhr");
        // "zwölf": the rounded front vowel takes the rounded shape, "Bürger" the U shape
        assertThat(s.visemes()).extracting(SpokenText.VisemeTiming::v).contains("O", "U", "PP", "FF", "SS", "aa");
    }

    @Test
    void pcmIsTheBareSamples() {
        SpokenText s = provider().synthesize(new SpeechCall("Hallo.", null, "pcm", 1.0));
        assertThat((long) s.audio().length).isCloseTo(s.durationMs() * 22050 / 1000 * 2, Assertions.within(200L));
    }

    @Test
    void unknownVoicesAndFormatsAreRefused() {
        assertThat(code(() -> provider().synthesize(new SpeechCall("Hallo.", "xx-nonsense", "wav", 1.0)))).isEqualTo("unknown_voice");
        assertThat(code(() -> provider().synthesize(new SpeechCall("Hallo.", "de; rm -rf", "wav", 1.0)))).isEqualTo("unknown_voice");
        assertThat(code(() -> provider().synthesize(new SpeechCall("Hallo.", null, "mp3", 1.0)))).isEqualTo("unsupported_format");
    }

    private static String code(Runnable r) {
        try {
            r.run();
            return null;
        } catch (VoiceProviderException e) {
            return e.code();
        }
    }
}
