package de.wattos.voice.internal.contract;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.voice.AudioClip;
import de.wattos.voice.internal.azure.AzureTranscriptionFactory;
import de.wattos.voice.internal.spi.TranscriptionProviderFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureTranscriptionContractTest extends AbstractTranscriptionContractTest {

    /** Azure's short-audio recognition: audio body in, {@code {"RecognitionStatus","DisplayText",…}} out. */
    static final class AzureTranscriptionStub extends VoiceStub {
        volatile String status = "Success";

        @Override
        protected boolean accepts(Received r) {
            return r.method().equals("POST") && r.path().equals("/speech/recognition/conversation/cognitiveservices/v1");
        }

        @Override
        protected Body answer(Received r) {
            return Body.json(Map.of("RecognitionStatus", status, "DisplayText", SAID, "Offset", 1_000_000,
                    "Duration", 14_000_000));
        }

        @Override
        protected Body error(Failure f) {
            return new Body("text/plain", new byte[0]);
        }
    }

    @Override
    protected VoiceStub newStub() {
        return new AzureTranscriptionStub();
    }

    @Override
    protected TranscriptionProviderFactory factory() {
        return new AzureTranscriptionFactory(HTTP, JSON);
    }

    @Override
    protected void assertWireRequest(VoiceStub.Received r, byte[] audio) {
        assertThat(r.query()).isEqualTo("language=de-DE&format=simple");
        assertThat(r.header("Ocp-Apim-Subscription-Key")).isEqualTo(KEY);
        assertThat(r.header("Content-Type")).isEqualTo("audio/wav");
        assertThat(r.body()).isEqualTo(audio);
    }

    @Test
    void silenceIsAnEmptyTranscriptNotAnError() {
        ((AzureTranscriptionStub) stub).status = "InitialSilenceTimeout";
        assertThat(provider().transcribe(new AudioClip(VoiceStub.wav(16000, 500), "audio/wav", null, "de")).text()).isEmpty();
    }

    @Test
    void durationComesFromTheServicesTicks() {
        assertThat(provider().transcribe(clip()).durationMs()).isEqualTo(1400);
    }
}
