package de.wattos.voice.internal.contract;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.voice.internal.openai.OpenAiSpeechFactory;
import de.wattos.voice.internal.spi.SpeechProviderFactory;
import java.util.Map;
import tools.jackson.databind.JsonNode;

public class OpenAiSpeechContractTest extends AbstractHttpSpeechContractTest {

    /** {@code POST /v1/audio/speech} answering audio bytes; errors as {@code {"error":{"message","type"}}}. */
    public static final class OpenAiSpeechStub extends VoiceStub {
        @Override
        protected String basePath() {
            return "/v1";
        }

        @Override
        protected boolean accepts(Received r) {
            return r.method().equals("POST") && r.path().equals("/v1/audio/speech");
        }

        @Override
        protected Body answer(Received r) {
            String format = JSON.readTree(r.body()).path("response_format").asString("mp3");
            return format.equals("wav") ? new Body("audio/wav", wav(24000, 3200)) : new Body("audio/mpeg", new byte[] {1, 2, 3});
        }

        @Override
        protected Body error(Failure f) {
            return Body.json(Map.of("error", Map.of("message", f.message(), "type", "invalid_request_error")));
        }
    }

    @Override
    protected VoiceStub newStub() {
        return new OpenAiSpeechStub();
    }

    @Override
    protected SpeechProviderFactory factory() {
        return new OpenAiSpeechFactory(HTTP, JSON);
    }

    @Override
    protected String expectedTiming() {
        return "estimated";
    }

    @Override
    protected void assertWireRequest(VoiceStub.Received r, double rate) {
        assertThat(r.path()).isEqualTo("/v1/audio/speech");
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("input").asString()).isNotBlank();
        assertThat(body.path("voice").asString()).isEqualTo("stub-voice");
        assertThat(body.path("model").asString()).isNotBlank();
        assertThat(body.path("response_format").asString()).isEqualTo("wav");
        if (rate != 1.0) {
            assertThat(body.path("speed").asDouble()).isEqualTo(rate);
        } else {
            assertThat(body.has("speed")).isFalse();
        }
    }
}
