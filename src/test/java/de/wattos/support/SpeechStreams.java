package de.wattos.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Reading speech streamed as NDJSON ({@code Accept: application/x-ndjson}: a line per sentence, then a closing
 * line), shared by the tenant's voice endpoint and the widget's public one.
 */
public final class SpeechStreams {

    /** Three sentences: three sentence lines and the closing line. */
    public static final String TEXT =
            "Das Rathaus öffnet um acht Uhr. Das Bürgerbüro schließt um 18 Uhr! Termine gibt es online.";

    private SpeechStreams() {
    }

    /** Every line of the response, read to its end. */
    public static List<JsonNode> lines(HttpResponse<InputStream> r) throws IOException {
        try (BufferedReader in = reader(r)) {
            return rest(in);
        }
    }

    public static BufferedReader reader(HttpResponse<InputStream> r) {
        return new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
    }

    /** The lines left in {@code in}, to the end of the stream. */
    public static List<JsonNode> rest(BufferedReader in) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            out.add(TestApi.JSON.readTree(line));
        }
        return out;
    }

    /**
     * The next line, read on another thread: a guard against hanging (a server that buffers the whole answer would
     * leave the read waiting while the service holds a sentence back), not a timing assertion.
     */
    public static JsonNode nextLine(BufferedReader in) throws Exception {
        return TestApi.JSON.readTree(CompletableFuture.supplyAsync(() -> {
            try {
                return in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(100, TimeUnit.SECONDS));
    }

    /** A speech provider of type {@code openai} on the stub at {@code baseUri}, for {@code POST …/voice/providers}. */
    public static Map<String, Object> openAiSpeechProvider(URI baseUri) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("purpose", "speech");
        config.put("name", "Gehaltene Stimme");
        config.put("type", "openai");
        config.put("baseUrl", baseUri.toString());
        config.put("apiKey", "sk-stream-1234");
        config.put("voice", "stub-voice");
        return config;
    }

    /**
     * The lines of {@link #TEXT} spoken: one per sentence in order, each with WAV audio, words and visemes inside
     * its duration, its offset on the whole text's clock; then the closing line with the count and total duration.
     */
    public static void assertSpokenSentenceBySentence(List<JsonNode> lines) {
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
            long duration = speech.path("durationMs").asLong();
            long previous = 0;
            for (JsonNode v : speech.path("visemes")) {
                assertThat(v.path("t").asLong()).isGreaterThanOrEqualTo(previous);
                assertThat(v.path("t").asLong() + v.path("d").asLong()).isLessThanOrEqualTo(duration + 1);
                previous = v.path("t").asLong();
            }
            offset += duration;
        }
        assertThat(lines.get(0).path("text").asString()).isEqualTo("Das Rathaus öffnet um acht Uhr.");
        assertThat(lines.get(1).path("text").asString()).isEqualTo("Das Bürgerbüro schließt um 18 Uhr!");
        assertThat(lines.get(2).path("text").asString()).isEqualTo("Termine gibt es online.");
        assertThat(lines.get(3).path("done").asBoolean()).isTrue();
        assertThat(lines.get(3).path("sentences").asInt()).isEqualTo(3);
        assertThat(lines.get(3).path("durationMs").asLong()).isEqualTo(offset);
    }
}
