package de.wattos.kb.articles;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The extractive summary: the document's own central sentences, bounded, and fast on hostile text. */
class ExtractiveSummaryTest {

    /** A plain analysis for the unit test: lower-cased words of four letters or more. */
    static final Function<String, List<String>> WORDS = s -> Arrays.stream(s.toLowerCase(Locale.GERMAN).split("[^\\p{L}\\p{N}]+"))
            .filter(w -> w.length() >= 4).toList();

    @Test
    void picksCentralStatementsInReadingOrderAndLeavesOutMenusAndOddOnes() {
        String text = """
                Startseite | Rathaus | Bürgerservice | Kontakt

                Der Wertstoffhof der Gemeinde nimmt Grünschnitt, Sperrmüll und Elektrogeräte kostenlos an.
                Unser Maskottchen heißt Willi und wurde im Jahr 1998 von einer Schulklasse gezeichnet.
                Sperrmüll kann außerdem zweimal im Jahr zur Abholung an der Haustür angemeldet werden.
                Elektrogeräte und Sperrmüll gehören nicht in die Restmülltonne der Gemeinde.
                Der Wertstoffhof der Gemeinde hat samstags von 9 bis 13 Uhr geöffnet.
                """;
        String summary = ExtractiveSummary.of(text, WORDS);
        assertThat(summary).doesNotContain("Startseite").doesNotContain("Willi");
        assertThat(summary).contains("Der Wertstoffhof der Gemeinde nimmt Grünschnitt");
        assertThat(summary.indexOf("nimmt Grünschnitt")).as("reading order")
                .isLessThan(summary.indexOf("gehören nicht in die Restmülltonne"));
        assertThat(summary.length()).isLessThanOrEqualTo(ExtractiveSummary.MAX_CHARS);
    }

    @Test
    void aTextWithoutSentencesGivesItsBeginningCutAtAWord() {
        String words = "Formular Antrag Bescheid Gebühr Frist ".repeat(400);
        String summary = ExtractiveSummary.of(words, WORDS);
        assertThat(summary).startsWith("Formular Antrag").endsWith(" …").hasSizeLessThan(700);
    }

    @Test
    void hostileTextEndsQuicklyAndBounded() {
        String nul = "\u0000".repeat(50_000) + "a".repeat(300_000) + ". ".repeat(100_000);
        String many = "Der Antrag wird beim Bürgeramt der Stadt gestellt und geprüft. ".repeat(20_000);
        long started = System.nanoTime();
        String a = ExtractiveSummary.of(nul, WORDS);
        String b = ExtractiveSummary.of(many, WORDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(a.length()).isLessThanOrEqualTo(700);
        assertThat(b).as("near-repeats are left out").isEqualTo("Der Antrag wird beim Bürgeramt der Stadt gestellt und geprüft.");
    }
}
