package de.wattos.voice.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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

    static final String TEXT = "Das Rathaus öffnet um acht Uhr. Das Bürgerbüro schließt um 18 Uhr! Termine gibt es online.";

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
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(TestApi.JSON.readTree(line));
            }
        }
        assertThat(lines).hasSize(4);
        long offset = 0;
        for (int i = 0; i < 3; i++) {
            JsonNode chunk = lines.get(i);
            assertThat(chunk.get("index").asInt()).isEqualTo(i);
            assertThat(chunk.get("offsetMs").asLong()).isEqualTo(offset);
            JsonNode speech = chunk.get("speech");
            byte[] audio = Base64.getDecoder().decode(speech.get("audio").asString());
            assertThat(new String(audio, 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("RIFF");
            assertThat(speech.get("timing").asString()).isEqualTo("phonemes");
            assertThat(speech.get("words").size()).isPositive();
            assertThat(speech.get("visemes").size()).isPositive();
            long duration = speech.get("durationMs").asLong();
            for (JsonNode v : speech.get("visemes")) {
                assertThat(v.get("t").asLong()).isBetween(0L, duration);
            }
            offset += duration;
        }
        assertThat(lines.get(0).get("text").asString()).isEqualTo("Das Rathaus öffnet um acht Uhr.");
        assertThat(lines.get(1).get("text").asString()).isEqualTo("Das Bürgerbüro schließt um 18 Uhr!");
        assertThat(lines.get(3).get("done").asBoolean()).isTrue();
        assertThat(lines.get(3).get("sentences").asInt()).isEqualTo(3);
        assertThat(lines.get(3).get("durationMs").asLong()).isEqualTo(offset);
    }

    @Test
    void badInputIsAProblemBeforeAnythingIsStreamed() throws Exception {
        HttpResponse<InputStream> r = stream("{\"text\":\"  \"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body().readAllBytes(), StandardCharsets.UTF_8)).contains("text");
        assertThat(stream("{\"text\":\"Hallo.\",\"rate\":9}").statusCode()).isEqualTo(400);
    }
}
