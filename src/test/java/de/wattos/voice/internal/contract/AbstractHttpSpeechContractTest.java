package de.wattos.voice.internal.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import de.wattos.voice.SpokenText;
import de.wattos.voice.internal.contract.VoiceStub.Failure;
import de.wattos.voice.internal.contract.VoiceStub.Garbage;
import de.wattos.voice.internal.contract.VoiceStub.Hang;
import de.wattos.voice.internal.http.VoiceHttp;
import de.wattos.voice.internal.spi.SpeechCall;
import de.wattos.voice.internal.spi.SpeechProvider;
import de.wattos.voice.internal.spi.SpeechProviderFactory;
import de.wattos.voice.internal.spi.VoiceProviderException;
import de.wattos.voice.internal.spi.VoiceProviderSettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The failure half of the speech contract, against a stub of the service: errors, 429, timeouts, garbage. */
public abstract class AbstractHttpSpeechContractTest extends AbstractSpeechContractTest {

    protected static final String KEY = "voice-test-key-4711";
    protected static final VoiceHttp HTTP = new VoiceHttp();
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    protected VoiceStub stub;

    protected abstract VoiceStub newStub();

    protected abstract SpeechProviderFactory factory();

    /** The request the stub got must be the service's wire format: path, auth, body with text, voice and rate. */
    protected abstract void assertWireRequest(VoiceStub.Received request, double rate);

    protected String voice() {
        return "stub-voice";
    }

    @BeforeEach
    void startStub() {
        stub = newStub();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Override
    protected SpeechProvider provider() {
        return provider(stub.baseUri(), Duration.ofSeconds(10));
    }

    protected SpeechProvider provider(URI base, Duration timeout) {
        return factory().create(new VoiceProviderSettings("stub", factory().id(), base, KEY, null, null, voice(), timeout));
    }

    @Override
    protected void assertRateHonoured(SpokenText normal, SpokenText fast) {
        assertWireRequest(stub.last(), 1.8);
    }

    @Test
    void sendsTheServicesWireRequest() {
        provider().synthesize(new SpeechCall(SENTENCE, null, "wav", 1.0));
        assertWireRequest(stub.last(), 1.0);
    }

    @Test
    void rateLimitIsReportedWithRetryAfter() {
        stub.enqueue(new Failure(429, "Too many requests", "7"));
        VoiceProviderException e = failure(provider());
        assertThat(e.code()).isEqualTo("rate_limited");
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void serviceErrorsCarryTheirMessage() {
        stub.enqueue(new Failure(400, "Text contains unsupported characters", null));
        VoiceProviderException e = failure(provider());
        assertThat(e.code()).isEqualTo("provider_error");
        assertThat(e.getMessage()).contains("HTTP 400").contains("unsupported characters");
    }

    @Test
    void wrongKeyIsUnauthorized() {
        stub.enqueue(new Failure(401, "Invalid API key", null));
        assertThat(failure(provider()).code()).isEqualTo("unauthorized");
    }

    @Test
    void aServiceThatHangsTimesOut() {
        stub.enqueue(new Hang(3000));
        VoiceProviderException e = failure(provider(stub.baseUri(), Duration.ofMillis(400)));
        assertThat(e.code()).isEqualTo("timeout");
    }

    @Test
    void garbageIsAMalformedResponse() {
        stub.enqueue(new Garbage());
        assertThat(failure(provider()).code()).isEqualTo("malformed_response");
    }

    @Test
    void anUnreachableServiceIsUnavailable() {
        URI dead = URI.create("http://127.0.0.1:" + closedPort());
        assertThat(failure(provider(dead, Duration.ofSeconds(2))).code()).isEqualTo("provider_unavailable");
    }

    private static VoiceProviderException failure(SpeechProvider p) {
        VoiceProviderException e = catchThrowableOfType(VoiceProviderException.class,
                () -> p.synthesize(new SpeechCall(SENTENCE, null, "wav", 1.0)));
        assertThat(e).as("the call must fail").isNotNull();
        return e;
    }

    static int closedPort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
