package de.wattos.widget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import de.wattos.voice.internal.contract.OpenAiSpeechContractTest.OpenAiSpeechStub;
import de.wattos.voice.internal.contract.VoiceStub;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

    static final String SITE = "http://127.0.0.1:5173";
    static final String TEXT = "Das Rathaus öffnet um acht Uhr. Das Bürgerbüro schließt um 18 Uhr! Termine gibt es online.";

    @LocalServerPort
    int port;
    TestApi api;
    String slug;
    String editor;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        slug = api.createTenant().slug();
        editor = api.userToken(slug, Role.EDITOR);
    }

    private String widget(Map<String, Object> speech) {
        Map<String, Object> body = new HashMap<>(WidgetApiTest.fullWidget());
        body.put("allowedOrigins", List.of(SITE));
        body.put("speech", speech);
        TestApi.Response r = api.post("/api/v1/tenants/" + slug + "/widgets", editor, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("publicKey").asString();
    }

    private String session(String key) {
        return api.send(api.builder("/api/v1/public/widgets/" + key + "/sessions", null).header("Origin", SITE)
                .POST(HttpRequest.BodyPublishers.noBody())).json().path("token").asString();
    }

    private HttpResponse<InputStream> stream(String key, String token, String text) throws Exception {
        return api.http().send(api.builder("/api/v1/public/widgets/" + key + "/speech", token).header("Origin", SITE)
                .header("Content-Type", "application/json").header("Accept", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(TestApi.JSON.writeValueAsString(Map.of("text", text)))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private static List<JsonNode> lines(HttpResponse<InputStream> r) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.add(TestApi.JSON.readTree(line));
            }
        }
        return out;
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
        List<JsonNode> lines = lines(r);
        assertThat(lines).hasSize(4);
        long offset = 0;
        for (int i = 0; i < 3; i++) {
            JsonNode line = lines.get(i);
            assertThat(line.path("index").asInt()).isEqualTo(i);
            assertThat(line.path("offsetMs").asLong()).isEqualTo(offset);
            JsonNode speech = line.path("speech");
            byte[] audio = Base64.getDecoder().decode(speech.path("audio").asString());
            assertThat(new String(audio, 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("RIFF");
            assertThat(speech.path("words").size()).isPositive();
            assertThat(speech.path("visemes").size()).isPositive();
            long previous = -1;
            for (JsonNode v : speech.path("visemes")) {
                assertThat(v.path("t").asLong()).isGreaterThanOrEqualTo(previous);
                assertThat(v.path("t").asLong() + v.path("d").asLong()).isLessThanOrEqualTo(speech.path("durationMs").asLong() + 1);
                previous = v.path("t").asLong();
            }
            offset += speech.path("durationMs").asLong();
        }
        assertThat(lines.get(1).path("text").asString()).isEqualTo("Das Bürgerbüro schließt um 18 Uhr!");
        assertThat(lines.get(3).path("done").asBoolean()).isTrue();
        assertThat(lines.get(3).path("sentences").asInt()).isEqualTo(3);
        assertThat(lines.get(3).path("durationMs").asLong()).isEqualTo(offset);
    }

    /**
     * Progressive, proven by order rather than by clock: the service holds the last sentence until the test has read
     * the first line, so a server that synthesised the whole answer before sending would leave the read waiting.
     */
    @Test
    void theFirstSentenceReachesTheVisitorWhileTheServiceStillHoldsTheLast() throws Exception {
        String admin = api.userToken(slug, Role.TENANT_ADMIN);
        try (VoiceStub service = new OpenAiSpeechStub()) {
            VoiceStub.Hold last = new VoiceStub.Hold();
            service.enqueue(new VoiceStub.Answer(), new VoiceStub.Answer(), last);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("purpose", "speech");
            config.put("name", "Gehaltene Stimme");
            config.put("type", "openai");
            config.put("baseUrl", service.baseUri().toString());
            TestApi.Response created = api.post("/api/v1/tenants/" + slug + "/voice/providers", admin, config);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String key = widget(Map.of("voice", true));

            HttpResponse<InputStream> r = stream(key, session(key), TEXT);
            assertThat(r.statusCode()).isEqualTo(200);
            BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
            try (in) {
                // a guard against hanging, not a timing assertion: the held sentence is released only after this read
                JsonNode first = TestApi.JSON.readTree(CompletableFuture.supplyAsync(() -> readLine(in)).get(100, TimeUnit.SECONDS));
                assertThat(first.path("index").asInt()).isZero();
                assertThat(first.path("text").asString()).isEqualTo("Das Rathaus öffnet um acht Uhr.");
                assertThat(last.release().getCount()).as("the last sentence is still held by the service").isEqualTo(1);

                assertThat(last.reached().await(100, TimeUnit.SECONDS)).as("the server goes on to the last sentence").isTrue();
                last.release().countDown();
                List<JsonNode> rest = new ArrayList<>();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    rest.add(TestApi.JSON.readTree(line));
                }
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

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
