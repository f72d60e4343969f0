package de.wattos.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    @Test
    void legalTextsAreChunkedPerArticleWithHeadingPaths() {
        List<Block> blocks = List.of(
                Block.paragraph("Grundgesetz", 1),
                Block.paragraph("I. Die Grundrechte Art 1", 1),
                Block.paragraph("(1) Die Würde des Menschen ist unantastbar. Sie zu achten und zu schützen ist Verpflichtung "
                        + "aller staatlichen Gewalt. (2) Das Deutsche Volk bekennt sich darum zu unverletzlichen und "
                        + "unveräußerlichen Menschenrechten als Grundlage jeder menschlichen Gemeinschaft.", 1),
                Block.paragraph("Art 2", 1),
                Block.paragraph("(1) Jeder hat das Recht auf die freie Entfaltung seiner Persönlichkeit, soweit er nicht die "
                        + "Rechte anderer verletzt und nicht gegen die verfassungsmäßige Ordnung oder das Sittengesetz verstößt.", 2),
                Block.heading(2, "§ 5 Steuersatz", 2),
                Block.paragraph("Die Steuer beträgt im Kalenderjahr für jeden Hund 150,00 €. Für einen Kampfhund 1.000 €.", 2));
        List<Chunker.Chunk> chunks = new Chunker(350, 0.15).chunk(blocks);
        assertThat(chunks).extracting(Chunker.Chunk::headingPath)
                .contains("I. Die Grundrechte > Art 1", "I. Die Grundrechte > Art 2", "§ 5 Steuersatz");
        Chunker.Chunk art1 = chunks.stream().filter(c -> "I. Die Grundrechte > Art 1".equals(c.headingPath())).findFirst().orElseThrow();
        assertThat(art1.text()).contains("Würde des Menschen").doesNotContain("Entfaltung");
        assertThat(chunks.getLast().page()).isEqualTo(2);
    }

    @Test
    void longSectionsSplitBetweenSentencesWithOverlap() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            text.append("Satz Nummer ").append(i).append(" beschreibt die Regel für Abs. ").append(i).append(" genau. ");
        }
        List<Chunker.Chunk> chunks = new Chunker(100, 0.15).chunk(List.of(Block.heading(1, "Regeln", null),
                Block.paragraph(text.toString().strip(), null)));
        assertThat(chunks.size()).isGreaterThan(3);
        for (int i = 0; i < chunks.size(); i++) {
            Chunker.Chunk c = chunks.get(i);
            assertThat(c.text()).endsWith("genau.");
            assertThat(c.tokens()).isLessThanOrEqualTo(130);
            if (i > 0) {
                String previousLast = Chunker.sentences(chunks.get(i - 1).text()).getLast();
                assertThat(c.text()).startsWith(previousLast);
            }
        }
        assertThat(Chunker.sentences("Am 5. Dezember gilt § 3 Abs. 2 Nr. 1 z.B. hier. Dann Neues.")).hasSize(2);
    }

    @Test
    void pdfRunningHeadersAndPageNumbersAreDropped() throws Exception {
        List<List<String>> pages = new ArrayList<>();
        for (int p = 1; p <= 4; p++) {
            pages.add(List.of("Ein Service des Ministeriums - www.example.de", "Art " + p, "Inhalt der Seite " + p
                    + " mit eigenem Text.", "- Seite " + p + " von 4 -"));
        }
        DocumentExtractor extractor = new DocumentExtractor(1_000_000, Duration.ofSeconds(30));
        try {
            ExtractedDocument doc = extractor.extract(TestFiles.pdf(pages, null), "application/pdf", "g.pdf", true);
            String text = doc.normalizedText();
            assertThat(text).doesNotContain("Ein Service", "Seite 1 von 4").contains("Art 3", "Inhalt der Seite 4");
        } finally {
            extractor.close();
        }
    }
}
