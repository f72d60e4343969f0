package de.wattos.widget.internal;

import static de.wattos.support.SpeechStreams.TEXT;
import static de.wattos.support.SpeechStreams.assertSpokenSentenceBySentence;
import static de.wattos.support.SpeechStreams.lines;
import static de.wattos.support.SpeechStreams.nextLine;
import static de.wattos.support.SpeechStreams.openAiSpeechProvider;
import static de.wattos.support.SpeechStreams.reader;
import static de.wattos.support.SpeechStreams.rest;
import static de.wattos.widget.internal.PublicWidgetSite.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import de.wattos.voice.internal.contract.OpenAiSpeechContractTest.OpenAiSpeechStub;
import de.wattos.voice.internal.contract.VoiceStub;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A visitor's whole answer read aloud through the widget's public {@code /speech} with
 * {@code Accept: application/x-ndjson}: the members' wire shape (a line per sentence with its audio, words, visemes
 * and offset on the whole text's clock, then a closing line), progressive, under the visitor token, rate-limited per
 * sentence and refused before anything streams.
 */
@IntegrationTest
class PublicSpeechStreamTest {

    @LocalServerPort
    int port;
    PublicWidgetSite site;
    TestApi api;

    @BeforeEach
    void setUp() {
        site = new PublicWidgetSite(port);
        api = site.api;
    }

    private String widget(Map<String, Object> speech) {
        return site.widget(speech).path("publicKey").asString();
    }

    private String session(String key) {
        return site.session(key);
    }

    private HttpResponse<InputStream> stream(String key, String token, String text) throws Exception {
        return api.http().send(api.builder("/api/v1/public/widgets/" + key + "/speech", token).header("Origin", SITE)
                .header("Content-Type", "application/json").header("Accept", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(TestApi.JSON.writeValueAsString(Map.of("text", text)))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String body(HttpResponse<InputStream> r) throws IOException {
        try (InputStream in = r.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aWholeAnswerIsSpokenSentenceBySentenceWithTimingsOnItsClock() throws Exception {
        String key = widget(Map.of("voice", true));
        HttpResponse<InputStream> r = stream(key, session(key), TEXT);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/x-ndjson"));
        assertSpokenSentenceBySentence(lines(r));
    }

    /**
     * Progressive, proven by order rather than by clock: the service holds the last sentence until the test has read
     * the first line, so a server that synthesised the whole answer before sending would leave the read waiting.
     */
    @Test
    void theFirstSentenceReachesTheVisitorWhileTheServiceStillHoldsTheLast() throws Exception {
        String admin = api.userToken(site.slug, Role.TENANT_ADMIN);
        try (VoiceStub service = new OpenAiSpeechStub()) {
            VoiceStub.Hold last = new VoiceStub.Hold();
            service.enqueue(new VoiceStub.Answer(), new VoiceStub.Answer(), last);
            TestApi.Response created = api.post("/api/v1/tenants/" + site.slug + "/voice/providers", admin,
                    openAiSpeechProvider(service.baseUri()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String key = widget(Map.of("voice", true));

            HttpResponse<InputStream> r = stream(key, session(key), TEXT);
            assertThat(r.statusCode()).isEqualTo(200);
            try (BufferedReader in = reader(r)) {
                // the held sentence is released only after this read
                JsonNode first = nextLine(in);
                assertThat(first.path("index").asInt()).isZero();
                assertThat(first.path("text").asString()).isEqualTo("Das Rathaus öffnet um acht Uhr.");
                assertThat(last.release().getCount()).as("the last sentence is still held by the service").isEqualTo(1);

                assertThat(last.reached().await(100, TimeUnit.SECONDS)).as("the server goes on to the last sentence").isTrue();
                last.release().countDown();
                List<JsonNode> rest = rest(in);
                assertThat(rest).hasSize(3);
                assertThat(rest.get(1).path("text").asString()).isEqualTo("Termine gibt es online.");
                assertThat(rest.get(2).path("done").asBoolean()).isTrue();
            }
            assertThat(service.received).hasSize(3);
        }
    }

    @Test
    void refusalsAreProblemsBeforeAnythingIsStreamedAndEverySentenceCountsAgainstTheHourlyLimit() throws Exception {
        String off = widget(Map.of("voice", false));
        HttpResponse<InputStream> disabled = stream(off, session(off), TEXT);
        assertThat(disabled.statusCode()).isEqualTo(403);
        assertThat(body(disabled)).contains("voice_disabled");

        String key = widget(Map.of("voice", true, "speechPerVisitorPerHour", 4));
        assertThat(stream(key, null, TEXT).statusCode()).isEqualTo(401);
        HttpResponse<InputStream> tooLong = stream(key, session(key), "Wort ".repeat(400));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(body(tooLong)).contains("validation_failed");

        String visitor = session(key);
        HttpResponse<InputStream> three = stream(key, visitor, TEXT); // three sentences: three of the four
        assertThat(three.statusCode()).isEqualTo(200);
        assertThat(lines(three)).hasSize(4);
        HttpResponse<InputStream> refused = stream(key, visitor, TEXT); // three more do not fit
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(body(refused)).contains("rate_limited");

        // the single-sentence JSON form is unchanged beside it
        TestApi.Response json = api.send(api.builder("/api/v1/public/widgets/" + key + "/speech", session(key))
                .header("Origin", SITE).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Guten Tag.\"}")));
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        assertThat(json.json().path("visemes").size()).isPositive();
    }
}
