package de.wattos.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Extraction of good and bad files, without Spring. */
class ExtractionTest {

    static final DocumentExtractor extractor = new DocumentExtractor(2_000_000, Duration.ofSeconds(30));

    @AfterAll
    static void close() {
        extractor.close();
    }

    @Test
    void pdfPagesAreKept() throws Exception {
        byte[] pdf = TestFiles.pdf(List.of(List.of("Erste Seite ueber die Hundesteuer."), List.of("Zweite Seite: Friedhof.")), null);
        ExtractedDocument doc = extractor.extract(pdf, "application/pdf", "satzung.pdf", true);
        assertThat(doc.detectedType()).isEqualTo("application/pdf");
        assertThat(doc.blocks()).extracting(Block::page).contains(1, 2);
        assertThat(doc.normalizedText()).contains("Hundesteuer").contains("Friedhof");
    }

    @Test
    void encryptedPdfFailsWithAReasonAPersonUnderstands() {
        byte[] pdf = TestFiles.pdf(List.of(List.of("Geheim")), "secret");
        assertThatThrownBy(() -> extractor.extract(pdf, "application/pdf", "geheim.pdf", true))
                .isInstanceOf(ExtractionException.class).hasMessageContaining("verschlüsselt").hasMessageContaining("encrypted");
    }

    @Test
    void corruptPdfFails() {
        byte[] pdf = TestFiles.pdf(List.of(List.of("Kaputt")), null);
        byte[] broken = java.util.Arrays.copyOf(pdf, pdf.length / 3);
        assertThatThrownBy(() -> extractor.extract(broken, "application/pdf", "kaputt.pdf", true))
                .isInstanceOf(ExtractionException.class).hasMessageContaining("PDF");
    }

    @Test
    void zipBombFails() {
        byte[] bomb = TestFiles.zipBombDocx();
        assertThat(bomb.length).isLessThan(1_000_000);
        assertThatThrownBy(() -> extractor.extract(bomb, null, "bombe.docx", true))
                .isInstanceOf(ExtractionException.class).hasMessageContaining("ZIP-Bombe");
    }

    @Test
    void emptyWrongExtensionAndUnknownTypesFail() {
        assertThatThrownBy(() -> extractor.extract(new byte[0], null, "leer.txt", true)).hasMessageContaining("leer");
        assertThatThrownBy(() -> extractor.extract("Nur Text, kein PDF".getBytes(StandardCharsets.UTF_8), "application/pdf",
                "falsch.pdf", true)).hasMessageContaining("Dateiendung");
        byte[] binary = new byte[2048];
        new java.util.Random(42).nextBytes(binary);
        assertThatThrownBy(() -> extractor.extract(binary, "application/octet-stream", "daten.bin", true))
                .hasMessageContaining("nicht unterstützt");
    }

    @Test
    void docxAndMarkdownWithFrontMatter() throws Exception {
        ExtractedDocument docx = extractor.extract(TestFiles.docx("Satzung", "Die Steuer für den ersten Hund beträgt 96 Euro."),
                null, "satzung.docx", true);
        assertThat(docx.normalizedText()).contains("ersten Hund");
        String md = """
                ---
                titel: Hundesteuersatzung
                gemeinde: Aichelberg
                ---
                # Satzung
                ## § 5 Steuersatz
                - (1) Die Steuer beträgt 108 Euro.
                | Hund | Betrag |
                |---|---|
                | erster | 108 |
                """;
        ExtractedDocument doc = extractor.extract(md.getBytes(StandardCharsets.UTF_8), "text/markdown", "s.md", true);
        assertThat(doc.title()).isEqualTo("Hundesteuersatzung");
        assertThat(doc.metadata()).containsEntry("gemeinde", "Aichelberg");
        assertThat(doc.blocks()).extracting(Block::kind).contains(Block.Kind.HEADING, Block.Kind.LIST_ITEM, Block.Kind.TABLE_ROW);
    }

    @Test
    void htmlKeepsMainContentAndDropsBoilerplate() throws Exception {
        String html = """
                <html><head><title>Hundesteuer - Stadt X</title><script>var x=1;</script></head><body>
                <a href="#main" class="skip">Zum Inhalt springen</a>
                <header><nav><ul><li><a href="/">Start</a></li><li><a href="/a">Rathaus</a></li></ul></nav></header>
                <div id="cookie-banner">Wir verwenden Cookies. <button>OK</button></div>
                <div class="ie-warning">Sie verwenden den Internet Explorer. Bitte wechseln Sie den Browser.</div>
                <main id="main"><h1>Hundesteuer</h1><p>Wer einen Hund hält, zahlt Hundesteuer.</p>
                <ul><li>Erster Hund: 108 €</li><li>Zweiter Hund: 216 €</li></ul>
                <table><tr><th>Hund</th><th>Betrag</th></tr><tr><td>erster</td><td>108 €</td></tr></table>
                <div aria-hidden="true">versteckt</div></main>
                <footer>Impressum | Datenschutz</footer></body></html>""";
        ExtractedDocument doc = extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html", null, false);
        String text = doc.normalizedText();
        assertThat(text).contains("# Hundesteuer", "zahlt Hundesteuer", "- Erster Hund: 108 €", "| erster | 108 €");
        assertThat(text).doesNotContain("Cookies", "Internet Explorer", "Impressum", "Rathaus", "springen", "versteckt");
        assertThat(doc.title()).isEqualTo("Hundesteuer - Stadt X");
    }
}
