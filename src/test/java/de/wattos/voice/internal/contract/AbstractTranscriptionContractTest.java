package de.wattos.voice.internal.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import de.wattos.voice.AudioClip;
import de.wattos.voice.Transcript;
import de.wattos.voice.internal.contract.VoiceStub.Failure;
import de.wattos.voice.internal.contract.VoiceStub.Garbage;
import de.wattos.voice.internal.contract.VoiceStub.Hang;
import de.wattos.voice.internal.http.VoiceHttp;
import de.wattos.voice.internal.spi.TranscriptionProvider;
import de.wattos.voice.internal.spi.TranscriptionProviderFactory;
import de.wattos.voice.internal.spi.VoiceProviderException;
import de.wattos.voice.internal.spi.VoiceProviderSettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What every speech-to-text adapter guarantees, against a stub of its service. */
public abstract class AbstractTranscriptionContractTest {

    protected static final String KEY = "stt-test-key-0815";
    protected static final String SAID = "Wann hat das Bürgerbüro geöffnet?";
    protected static final VoiceHttp HTTP = new VoiceHttp();
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    protected VoiceStub stub;

    protected abstract VoiceStub newStub();

    protected abstract TranscriptionProviderFactory factory();

    protected abstract void assertWireRequest(VoiceStub.Received r, byte[] audio);

    @BeforeEach
    void startStub() {
        stub = newStub();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    protected TranscriptionProvider provider(URI base, Duration timeout) {
        return factory().create(new VoiceProviderSettings("stub", factory().id(), base, KEY, null, null, null, timeout));
    }

    protected TranscriptionProvider provider() {
        return provider(stub.baseUri(), Duration.ofSeconds(10));
    }

    protected static AudioClip clip() {
        return new AudioClip(VoiceStub.wav(16000, 1500), "audio/wav", "frage.wav", null);
    }

    @Test
    void transcribesGermanSpeech() {
        Transcript t = provider().transcribe(clip());
        assertThat(t.text()).isEqualTo(SAID);
        assertThat(t.language()).startsWith("de");
        assertThat(t.provider()).isEqualTo(factory().id());
    }

    @Test
    void sendsTheServicesWireRequest() {
        AudioClip clip = clip();
        provider().transcribe(clip);
        assertWireRequest(stub.last(), clip.data());
    }

    @Test
    void rateLimitIsReportedWithRetryAfter() {
        stub.enqueue(new Failure(429, "Too many requests", "3"));
        VoiceProviderException e = failure(provider());
        assertThat(e.code()).isEqualTo("rate_limited");
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void serviceErrorsAreProviderErrors() {
        stub.enqueue(new Failure(500, "Internal error", null));
        assertThat(failure(provider()).code()).isEqualTo("provider_error");
    }

    @Test
    void aServiceThatHangsTimesOut() {
        stub.enqueue(new Hang(3000));
        assertThat(failure(provider(stub.baseUri(), Duration.ofMillis(400))).code()).isEqualTo("timeout");
    }

    @Test
    void garbageIsAMalformedResponse() {
        stub.enqueue(new Garbage());
        assertThat(failure(provider()).code()).isEqualTo("malformed_response");
    }

    @Test
    void anUnreachableServiceIsUnavailable() {
        URI dead = URI.create("http://127.0.0.1:" + AbstractHttpSpeechContractTest.closedPort());
        assertThat(failure(provider(dead, Duration.ofSeconds(2))).code()).isEqualTo("provider_unavailable");
    }

    private static VoiceProviderException failure(TranscriptionProvider p) {
        VoiceProviderException e = catchThrowableOfType(VoiceProviderException.class, () -> p.transcribe(clip()));
        assertThat(e).as("the call must fail").isNotNull();
        return e;
    }
}
