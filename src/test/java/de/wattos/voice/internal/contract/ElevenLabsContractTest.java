package de.wattos.voice.internal.contract;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.voice.SpokenText;
import de.wattos.voice.internal.elevenlabs.ElevenLabsSpeechFactory;
import de.wattos.voice.internal.spi.SpeechCall;
import de.wattos.voice.internal.spi.SpeechProviderFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ElevenLabsContractTest extends AbstractHttpSpeechContractTest {

    /**
     * {@code POST /v1/text-to-speech/{voice}/with-timestamps?output_format=pcm_22050}: JSON with {@code audio_base64}
     * and {@code alignment} (characters with start and end seconds, 65 ms each); errors as {@code {"detail":{…}}}.
     */
    static final class ElevenLabsStub extends VoiceStub {
        @Override
        protected boolean accepts(Received r) {
            return r.method().equals("POST") && r.path().matches("/v1/text-to-speech/[^/]+/with-timestamps");
        }

        @Override
        protected Body answer(Received r) {
            String text = JSON.readTree(r.body()).path("text").asString();
            List<String> chars = new ArrayList<>();
            List<Double> starts = new ArrayList<>();
            List<Double> ends = new ArrayList<>();
            for (int i = 0; i < text.length(); i++) {
                chars.add(String.valueOf(text.charAt(i)));
                starts.add(i * 0.065);
                ends.add((i + 1) * 0.065);
            }
            long millis = Math.round(text.length() * 65 + 200);
            Map<String, Object> alignment = new LinkedHashMap<>();
            alignment.put("characters", chars);
            alignment.put("character_start_times_seconds", starts);
            alignment.put("character_end_times_seconds", ends);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("audio_base64", Base64.getEncoder().encodeToString(tone(22050, millis)));
            body.put("alignment", alignment);
            body.put("normalized_alignment", alignment);
            return Body.json(body);
        }

        @Override
        protected Body error(Failure f) {
            return Body.json(Map.of("detail", Map.of("status", "error", "message", f.message())));
        }
    }

    @Override
    protected VoiceStub newStub() {
        return new ElevenLabsStub();
    }

    @Override
    protected SpeechProviderFactory factory() {
        return new ElevenLabsSpeechFactory(HTTP, JSON);
    }

    @Override
    protected String expectedTiming() {
        return "provider";
    }

    @Override
    protected void assertWireRequest(VoiceStub.Received r, double rate) {
        assertThat(r.path()).isEqualTo("/v1/text-to-speech/stub-voice/with-timestamps");
        assertThat(r.query()).isEqualTo("output_format=pcm_22050");
        assertThat(r.header("xi-api-key")).isEqualTo(KEY);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("text").asString()).isNotBlank();
        assertThat(body.path("model_id").asString()).isNotBlank();
        if (rate != 1.0) {
            assertThat(body.path("voice_settings").path("speed").asDouble()).isBetween(0.7, 1.2);
        }
    }

    @Test
    void wordsFollowTheProvidersCharacterTimes() {
        SpokenText s = provider().synthesize(new SpeechCall("Guten Tag", null, "wav", 1.0));
        assertThat(s.words()).extracting(SpokenText.WordTiming::w).containsExactly("Guten", "Tag");
        assertThat(s.words().get(1).t()).isEqualTo(6 * 65);
        assertThat(s.words().get(1).d()).isEqualTo(3 * 65);
    }
}
