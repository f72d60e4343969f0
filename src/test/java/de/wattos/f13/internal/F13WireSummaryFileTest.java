package de.wattos.f13.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.platform.Multipart;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The assumed form of F13's {@code POST /summary/file} and which uploads go to it. */
class F13WireSummaryFileTest {

    @Test
    void onlyPdfAndDocxOfAnAcceptedSizeGoToTheFileRoute() {
        assertThat(F13Wire.summaryFileAccepted("application/pdf", 1000)).isTrue();
        assertThat(F13Wire.summaryFileAccepted("Application/PDF; version=1.7", 1000)).isTrue();
        assertThat(F13Wire.summaryFileAccepted(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 1000)).isTrue();
        assertThat(F13Wire.summaryFileAccepted("text/plain", 1000)).isFalse();
        assertThat(F13Wire.summaryFileAccepted("text/html", 1000)).isFalse();
        assertThat(F13Wire.summaryFileAccepted(null, 1000)).isFalse();
        assertThat(F13Wire.summaryFileAccepted("application/pdf", 0)).isFalse();
        assertThat(F13Wire.summaryFileAccepted("application/pdf", F13Wire.SUMMARY_FILE_MAX_BYTES)).isTrue();
        assertThat(F13Wire.summaryFileAccepted("application/pdf", F13Wire.SUMMARY_FILE_MAX_BYTES + 1)).isFalse();
    }

    @Test
    void theFormCarriesTheFileByteForByteAndAHostileFileNameCannotBreakIt() {
        byte[] file = {0x25, 0x50, 0x44, 0x46, 0x0d, 0x0a, (byte) 0xff, 0x00, 0x2d, 0x2d};
        Multipart form = F13Wire.summaryFileParts("a\"b\r\nContent-Type: text/x\\.pdf", "application/pdf; x=1",
                file, null);
        String boundary = form.contentType().substring("multipart/form-data; boundary=".length());
        assertThat(boundary).matches("[0-9a-z-]{20,70}");
        String body = new String(form.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).startsWith("--" + boundary + "\r\n")
                .contains("Content-Disposition: form-data; name=\"file\"; filename=\"a_b__Content-Type: text/x_.pdf\"\r\n")
                .contains("Content-Type: application/pdf\r\n\r\n")
                .endsWith("\r\n--" + boundary + "--\r\n")
                .doesNotContain("language_model");
        int start = body.indexOf("\r\n\r\n") + 4;
        assertThat(body.substring(start, start + file.length).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(file);
        assertThat(body.split("\r\n", -1)).as("one header line per header: the name's line break is gone")
                .filteredOn(l -> l.startsWith("Content-Type:")).hasSize(1);

        Multipart withModel = F13Wire.summaryFileParts(null, "application/pdf", file, "f13-llm");
        String b = new String(withModel.body(), StandardCharsets.ISO_8859_1);
        assertThat(b).contains("filename=\"dokument\"")
                .contains("Content-Disposition: form-data; name=\"language_model\"\r\n\r\nf13-llm\r\n");
    }
}
