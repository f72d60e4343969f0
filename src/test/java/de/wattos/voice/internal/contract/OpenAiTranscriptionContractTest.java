package de.wattos.voice.internal.contract;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.voice.internal.openai.OpenAiTranscriptionFactory;
import de.wattos.voice.internal.spi.TranscriptionProviderFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;

public class OpenAiTranscriptionContractTest extends AbstractTranscriptionContractTest {

    /** {@code POST /v1/audio/transcriptions}, multipart in, {@code {"text":…}} out (response_format json). */
    public static final class OpenAiTranscriptionStub extends VoiceStub {
        @Override
        protected String basePath() {
            return "/v1";
        }

        @Override
        protected boolean accepts(Received r) {
            return r.method().equals("POST") && r.path().equals("/v1/audio/transcriptions")
                    && String.valueOf(r.header("Content-Type")).startsWith("multipart/form-data; boundary=");
        }

        @Override
        protected Body answer(Received r) {
            return Body.json(Map.of("text", " " + SAID + " "));
        }

        @Override
        protected Body error(Failure f) {
            return Body.json(Map.of("error", Map.of("message", f.message(), "type", "server_error")));
        }
    }

    @Override
    protected VoiceStub newStub() {
        return new OpenAiTranscriptionStub();
    }

    @Override
    protected TranscriptionProviderFactory factory() {
        return new OpenAiTranscriptionFactory(HTTP, JSON);
    }

    @Override
    protected void assertWireRequest(VoiceStub.Received r, byte[] audio) {
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
        String boundary = r.header("Content-Type").substring("multipart/form-data; boundary=".length());
        String body = new String(r.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n")
                .contains("name=\"language\"\r\n\r\nde\r\n")
                .contains("name=\"response_format\"\r\n\r\njson\r\n")
                .contains("name=\"file\"; filename=\"frage.wav\"\r\nContent-Type: audio/wav\r\n\r\nRIFF")
                .endsWith("--" + boundary + "--\r\n");
        assertThat(body).contains(new String(audio, StandardCharsets.ISO_8859_1));
    }
}
