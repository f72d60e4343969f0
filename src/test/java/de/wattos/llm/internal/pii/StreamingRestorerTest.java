package de.wattos.llm.internal.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingRestorerTest {

    private static PiiVault vault() {
        PiiVault v = new PiiVault();
        v.placeholder("EMAIL", "anna@example.org");
        v.placeholder("TELEFON", "0841 305-1234");
        v.placeholder("IBAN", "DE89 3704 0044 0532 0130 00");
        return v;
    }

    @Test
    void restoresAPlaceholderSplitAcrossDeltas() {
        StreamingRestorer r = new StreamingRestorer(vault());
        List<String> out = new ArrayList<>();
        for (String d : List.of("Schreiben Sie an [EMA", "IL_", "1] oder rufen", " Sie [TELEFON_1", "] an.")) {
            out.add(r.push(d));
        }
        out.add(r.finish());
        assertThat(String.join("", out)).isEqualTo("Schreiben Sie an anna@example.org oder rufen Sie 0841 305-1234 an.");
        assertThat(out.get(0)).isEqualTo("Schreiben Sie an "); // held back: "[EMA"
        assertThat(out).noneMatch(s -> s.contains("[EMA") || s.contains("IL_1]"));
    }

    @Test
    void passesOnBracketsThatAreNoPlaceholders() {
        StreamingRestorer r = new StreamingRestorer(vault());
        assertThat(r.push("Siehe Quelle [")).isEqualTo("Siehe Quelle ");
        assertThat(r.push("2] und [a")).isEqualTo("[2] und [a");
        assertThat(r.push(" b]")).isEqualTo(" b]");
        assertThat(r.finish()).isEmpty();
    }

    @Test
    void flushesAnUnfinishedPlaceholderAtTheEnd() {
        StreamingRestorer r = new StreamingRestorer(vault());
        assertThat(r.push("Ende [IBAN")).isEqualTo("Ende ");
        assertThat(r.finish()).isEqualTo("[IBAN");
    }

    @Test
    void anySplitOfTheAnswerRestoresTheSameText() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String answer = "Kontakt: [EMAIL_1], Telefon [TELEFON_1]. Überweisung an [IBAN_1] [3]. Danke [EMAIL_1]!";
        String expected = vault().restore(answer);
        for (int round = 0; round < 200; round++) {
            StreamingRestorer r = new StreamingRestorer(vault());
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < answer.length()) {
                int len = 1 + random.nextInt(6);
                String delta = answer.substring(i, Math.min(answer.length(), i + len));
                String emitted = r.push(delta);
                assertThat(emitted).as("seed %d", seed).doesNotContainPattern("\\[(EMAIL|TELEFON|IBAN)_\\d\\]");
                out.append(emitted);
                i += len;
            }
            out.append(r.finish());
            assertThat(out.toString()).as("reproduce with seed %d", seed).isEqualTo(expected);
        }
    }
}
