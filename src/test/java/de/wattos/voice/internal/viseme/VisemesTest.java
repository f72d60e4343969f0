package de.wattos.voice.internal.viseme;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.voice.SpokenText.VisemeTiming;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VisemesTest {

    @Test
    void germanPhonemesReachAllFifteenVisemes() {
        // one espeak IPA phoneme per Oculus viseme (θ only occurs in loan words, still mapped)
        assertThat(Visemes.of("")).containsExactly("sil");
        assertThat(Visemes.of("m")).containsExactly("PP");
        assertThat(Visemes.of("f")).containsExactly("FF");
        assertThat(Visemes.of("θ")).containsExactly("TH");
        assertThat(Visemes.of("t")).containsExactly("DD");
        assertThat(Visemes.of("ɡ")).containsExactly("kk");
        assertThat(Visemes.of("ʃ")).containsExactly("CH");
        assertThat(Visemes.of("s")).containsExactly("SS");
        assertThat(Visemes.of("n")).containsExactly("nn");
        assertThat(Visemes.of("ʁ")).containsExactly("RR");
        assertThat(Visemes.of("ˈaː")).containsExactly("aa");
        assertThat(Visemes.of("ɛ")).containsExactly("E");
        assertThat(Visemes.of("iː")).containsExactly("I");
        assertThat(Visemes.of("ɔ")).containsExactly("O");
        assertThat(Visemes.of("uː")).containsExactly("U");
    }

    @Test
    void germanSoundsTakeTheNearestShape() {
        assertThat(Visemes.of("ç")).containsExactly("CH");
        assertThat(Visemes.of("x")).containsExactly("kk");
        assertThat(Visemes.of("yː")).containsExactly("U");
        assertThat(Visemes.of("øː")).containsExactly("O");
        assertThat(Visemes.of("ɐ")).containsExactly("aa");
        assertThat(Visemes.of("ə")).containsExactly("E");
        assertThat(Visemes.of("ʔ")).containsExactly("sil");
        assertThat(Visemes.of("v")).containsExactly("FF");
    }

    @Test
    void diphthongsAndAffricates() {
        assertThat(Visemes.of("aɪ")).containsExactly("aa", "I");
        assertThat(Visemes.of("aʊ")).containsExactly("aa", "U");
        assertThat(Visemes.of("ɔø")).containsExactly("O");
        assertThat(Visemes.of("ɔʏ")).containsExactly("O", "U");
        assertThat(Visemes.of("ts")).containsExactly("SS");
        assertThat(Visemes.of("pf")).containsExactly("FF");
        assertThat(Visemes.of("tʃ")).containsExactly("CH");
    }

    @Test
    void everyMappingStaysInsideTheOculusSet() {
        for (int cp = 0x20; cp < 0x2b0; cp++) {
            for (String v : Visemes.of(new String(Character.toChars(cp)))) {
                assertThat(Visemes.SET).contains(v);
            }
        }
        assertThat(Visemes.ALL).hasSize(15);
    }

    @Test
    void timelinesAreMonotonicInsideTheAudioAndMerged() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        String[] sounds = {"", "a", "t", "ʃ", "aɪ", "n", "n", "m", "uː", "ç", "ɐ"};
        for (int round = 0; round < 200; round++) {
            List<Timeline.Phoneme> phonemes = new java.util.ArrayList<>();
            long at = random.nextInt(50);
            int n = 1 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                phonemes.add(new Timeline.Phoneme(at, sounds[random.nextInt(sounds.length)]));
                at += random.nextInt(3) == 0 ? 0 : random.nextInt(150); // espeak reports zero-length phonemes too
            }
            long duration = Math.max(1, at - random.nextInt(100)); // sometimes shorter than the last event
            List<VisemeTiming> track = Timeline.visemes(phonemes, duration);
            long end = 0;
            String previous = null;
            for (VisemeTiming v : track) {
                String repro = "seed " + seed + " round " + round + " " + track;
                assertThat(v.t()).as(repro).isGreaterThanOrEqualTo(end);
                assertThat(v.d()).as(repro).isPositive();
                assertThat(v.t() + v.d()).as(repro).isLessThanOrEqualTo(duration);
                assertThat(v.v()).as(repro).isNotEqualTo(v.t() == end ? previous : null);
                end = v.t() + v.d();
                previous = v.v();
            }
        }
    }
}
