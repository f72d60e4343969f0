package de.wattos.voice.internal.web;

import static de.wattos.support.SpeechStreams.TEXT;
import static de.wattos.support.SpeechStreams.assertSpokenSentenceBySentence;
import static de.wattos.support.SpeechStreams.lines;
import static de.wattos.support.SpeechStreams.nextLine;
import static de.wattos.support.SpeechStreams.openAiSpeechProvider;
import static de.wattos.support.SpeechStreams.reader;
import static de.wattos.support.SpeechStreams.rest;
import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import de.wattos.voice.internal.contract.OpenAiSpeechContractTest.OpenAiSpeechStub;
import de.wattos.voice.internal.contract.VoiceStub;
import java.io.BufferedReader;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST …/voice/speech} with {@code Accept: application/x-ndjson} over real HTTP: one line per sentence,
 * each with its audio and timings, sent as soon as that sentence is synthesised.
 */
@IntegrationTest
class StreamedSpeechTest {

    @LocalServerPort
    int port;
    TestApi api;
    TestApi.Tenant tenant;
    String viewer;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        tenant = api.createTenant();
        viewer = api.userToken(tenant.slug(), Role.VIEWER);
    }

    private String path(String rest) {
        return "/api/v1/tenants/" + tenant.slug() + "/voice" + rest;
    }

    private HttpResponse<InputStream> stream(String json) throws Exception {
        return api.http().send(api.builder(path("/speech"), viewer).header("Content-Type", "application/json")
                .header("Accept", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void espeakSpeaksSentenceBySentenceWithTimingsOnTheWholeTextsClock() throws Exception {
        HttpResponse<InputStream> r = stream(TestApi.JSON.writeValueAsString(Map.of("text", TEXT)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(r.headers().firstValue("Content-Length")).as("streamed, not sized up front").isEmpty();
        List<JsonNode> lines = lines(r);
        assertSpokenSentenceBySentence(lines);
        assertThat(lines.subList(0, 3)).allSatisfy(l -> assertThat(l.path("speech").path("timing").asString()).isEqualTo("phonemes"));
    }

    /**
     * The speech service holds back the last sentence until the test has read the first line: the first line can
     * only arrive if the server sends it while the last sentence is still being synthesised. (A server that buffers
     * the whole answer would leave the read waiting; the guard below turns that into a failure, not a hang.)
     */
    @Test
    void theFirstSentencesAudioArrivesWhileTheLastIsStillBeingSynthesised() throws Exception {
        try (VoiceStub service = new OpenAiSpeechStub()) {
            VoiceStub.Hold last = new VoiceStub.Hold();
            service.enqueue(new VoiceStub.Answer(), new VoiceStub.Answer(), last);
            String admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
            TestApi.Response created = api.post(path("/providers"), admin, openAiSpeechProvider(service.baseUri()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);

            HttpResponse<InputStream> r = stream(TestApi.JSON.writeValueAsString(Map.of("text", TEXT)));
            assertThat(r.statusCode()).isEqualTo(200);
            try (BufferedReader in = reader(r)) {
                // the held sentence is released only after this read
                JsonNode first = nextLine(in);
                assertThat(first.get("index").asInt()).isZero();
                assertThat(first.get("text").asString()).isEqualTo("Das Rathaus öffnet um acht Uhr.");
                byte[] audio = Base64.getDecoder().decode(first.get("speech").get("audio").asString());
                assertThat(new String(audio, 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("RIFF");
                assertThat(last.release().getCount()).as("the last sentence is still held by the service").isEqualTo(1);
                assertThat(service.received).as("only the first sentence (perhaps the second) has been asked for")
                        .hasSizeLessThanOrEqualTo(3);

                assertThat(last.reached().await(100, TimeUnit.SECONDS)).as("the server goes on to the last sentence").isTrue();
                last.release().countDown();
                List<JsonNode> rest = rest(in);
                assertThat(rest).hasSize(3);
                assertThat(rest.get(1).get("index").asInt()).isEqualTo(2);
                assertThat(rest.get(1).get("text").asString()).isEqualTo("Termine gibt es online.");
                assertThat(rest.get(2).get("done").asBoolean()).isTrue();
            }
            assertThat(service.received).hasSize(3);
            assertThat(TestApi.JSON.readTree(service.received.get(2).body()).path("input").asString())
                    .isEqualTo("Termine gibt es online.");
        }
    }

    @Test
    void badInputIsAProblemBeforeAnythingIsStreamed() throws Exception {
        HttpResponse<InputStream> r = stream("{\"text\":\"  \"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body().readAllBytes(), StandardCharsets.UTF_8)).contains("text");
        assertThat(stream("{\"text\":\"Hallo.\",\"rate\":9}").statusCode()).isEqualTo(400);
    }
}
