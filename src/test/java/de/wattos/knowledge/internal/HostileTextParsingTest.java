package de.wattos.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Uploads are untrusted: Markdown and text must parse in linear time. Each input here made the former regexes
 * backtrack for minutes to hours (3 KB heading: ~100 s; 40,000 spaces: 6.6 s; 40,000 brackets: 10.9 s). The timeouts
 * are stall guards far above the milliseconds these now take, not performance assertions.
 */
class HostileTextParsingTest {

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void headingFollowedByThousandsOfSpacesParses() {
        for (int spaces : new int[] {3_000, 20_000, 200_000}) {
            String line = "# a" + " ".repeat(spaces) + "b";
            PlainTextBlocks.Parsed parsed = PlainTextBlocks.markdown(line + "\n\nText.");
            assertThat(parsed.blocks().getFirst().kind()).isEqualTo(Block.Kind.HEADING);
            assertThat(parsed.blocks().getFirst().text()).isEqualTo("a b");
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void tableRowOfSpacesParses() {
        String spaces = " ".repeat(40_000);
        PlainTextBlocks.Parsed parsed = PlainTextBlocks.markdown("|" + spaces + "\n|--" + spaces + "-x\n| a | b |\n");
        assertThat(parsed.blocks()).extracting(Block::text).contains("a | b");
        assertThat(PlainTextBlocks.markdown(spaces).blocks()).isEmpty();
        assertThat(PlainTextBlocks.plain(spaces + "x").blocks()).extracting(Block::text).containsExactly("x");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void thousandsOfOpenBracketsParse() {
        String brackets = "[".repeat(40_000);
        assertThat(PlainTextBlocks.markdown(brackets).blocks().getFirst().text()).hasSize(40_000);
        assertThat(PlainTextBlocks.markdown("![".repeat(20_000) + "](x").blocks()).hasSize(1);
        assertThat(PlainTextBlocks.markdown("[a](" + "(".repeat(40_000)).blocks().getFirst().text()).startsWith("[a](((");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void hyphenationJoinOverLongWhitespaceRuns() {
        assertThat(TextNormalizer.normalize("Verwal-" + "\n".repeat(40_000) + "X")).startsWith("Verwal- X");
        assertThat(TextNormalizer.normalize("Verwal-  \n  tung")).isEqualTo("Verwaltung");
    }

    @Test
    void markdownSemanticsAreKept() {
        assertThat(PlainTextBlocks.heading("## Öffnungszeiten ##")).isEqualTo(new PlainTextBlocks.Heading(2, "Öffnungszeiten"));
        assertThat(PlainTextBlocks.heading("###\tGebühren   ")).isEqualTo(new PlainTextBlocks.Heading(3, "Gebühren"));
        assertThat(PlainTextBlocks.heading("# Sprache C#")).isEqualTo(new PlainTextBlocks.Heading(1, "Sprache C#"));
        assertThat(PlainTextBlocks.heading("####### zu tief")).isNull();
        assertThat(PlainTextBlocks.heading("#kein Abstand")).isNull();
        assertThat(PlainTextBlocks.isTableSeparator("| :--- | ---: | :--: |")).isTrue();
        assertThat(PlainTextBlocks.isTableSeparator("--|--")).isTrue();
        assertThat(PlainTextBlocks.isTableSeparator("| - | -- |")).isFalse();
        assertThat(PlainTextBlocks.isTableSeparator("| -- || -- |")).isFalse();
        assertThat(PlainTextBlocks.isTableSeparator("| a | b |")).isFalse();
        assertThat(PlainTextBlocks.links("Siehe [Satzung](https://x.de/a.pdf) und ![Logo](logo.png)."))
                .isEqualTo("Siehe Satzung und Logo.");
        assertThat(PlainTextBlocks.links("[nur Klammer] (kein Link) [a][b](c)")).isEqualTo("[nur Klammer] (kein Link) [a]b");
    }

    @Test
    void anExtractorThatOverrunsItsTimeFailsTheDocumentWithAReason() {
        DocumentExtractor hurried = new DocumentExtractor(50_000_000, Duration.ofMillis(1));
        try {
            byte[] big = ("# Kapitel\n\n" + "Ein Absatz mit [Link](x) und | Zelle |.\n\n".repeat(400_000)).getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> hurried.extract(big, "text/markdown", "gross.md", true))
                    .isInstanceOf(ExtractionException.class)
                    .hasMessageContaining("Zeitüberschreitung").hasMessageContaining("timed out");
        } finally {
            hurried.close();
        }
    }
}
