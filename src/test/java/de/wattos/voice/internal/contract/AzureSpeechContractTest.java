package de.wattos.voice.internal.contract;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.voice.internal.azure.AzureSpeechFactory;
import de.wattos.voice.internal.spi.SpeechProviderFactory;

class AzureSpeechContractTest extends AbstractHttpSpeechContractTest {

    /** {@code POST /cognitiveservices/v1} with SSML, answering RIFF audio; errors mostly with an empty body. */
    static final class AzureSpeechStub extends VoiceStub {
        @Override
        protected boolean accepts(Received r) {
            return r.method().equals("POST") && r.path().equals("/cognitiveservices/v1");
        }

        @Override
        protected Body answer(Received r) {
            return new Body("audio/x-wav", wav(24000, 4100));
        }

        @Override
        protected Body error(Failure f) {
            return f.status() == 400 ? Body.json(java.util.Map.of("error", java.util.Map.of("code", "BadRequest",
                    "message", f.message()))) : new Body("text/plain", new byte[0]);
        }
    }

    @Override
    protected VoiceStub newStub() {
        return new AzureSpeechStub();
    }

    @Override
    protected SpeechProviderFactory factory() {
        return new AzureSpeechFactory(HTTP, JSON);
    }

    @Override
    protected String voice() {
        return "de-DE-KatjaNeural";
    }

    @Override
    protected String expectedTiming() {
        return "estimated";
    }

    @Override
    protected void assertWireRequest(VoiceStub.Received r, double rate) {
        assertThat(r.path()).isEqualTo("/cognitiveservices/v1");
        assertThat(r.header("Ocp-Apim-Subscription-Key")).isEqualTo(KEY);
        assertThat(r.header("Content-Type")).startsWith("application/ssml+xml");
        assertThat(r.header("X-Microsoft-OutputFormat")).isEqualTo("riff-24khz-16bit-mono-pcm");
        String ssml = r.text();
        assertThat(ssml).startsWith("<speak version=\"1.0\"").contains("xml:lang=\"de-DE\"")
                .contains("<voice name=\"de-DE-KatjaNeural\">").endsWith("</prosody></voice></speak>");
        assertThat(ssml).contains(rate == 1.0 ? "rate=\"+0%\"" : "rate=\"+80%\"");
    }
}
