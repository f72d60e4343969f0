package de.wattos.voice.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import de.wattos.voice.internal.contract.OpenAiTranscriptionContractTest;
import de.wattos.voice.internal.contract.VoiceStub;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A tenant speaks German through the offline default and transcribes through its configured provider. */
@IntegrationTest
class VoiceApiTest {

    @LocalServerPort
    int port;
    TestApi api;
    TestApi.Tenant tenant;
    String viewer;
    String admin;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        tenant = api.createTenant();
        viewer = api.userToken(tenant.slug(), Role.VIEWER);
        admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
    }

    private String path(String rest) {
        return "/api/v1/tenants/" + tenant.slug() + "/voice" + rest;
    }

    @Test
    void aViewerHearsAGermanSentenceWithVisemes() {
        TestApi.Response r = api.post(path("/speech"), viewer, Map.of("text", "Das Rathaus öffnet um acht Uhr."));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.path("provider").asString()).isEqualTo("espeak");
        assertThat(body.path("timing").asString()).isEqualTo("phonemes");
        assertThat(body.path("sampleRate").asInt()).isEqualTo(22050);
        byte[] audio = Base64.getDecoder().decode(body.path("audio").asString());
        assertThat(new String(audio, 0, 4)).isEqualTo("RIFF");
        assertThat(body.path("words")).hasSize(6);
        assertThat(body.path("visemes").size()).isGreaterThan(8);
        JsonNode first = body.path("visemes").get(0);
        assertThat(first.has("t") && first.has("d") && first.has("v")).isTrue();
    }

    @Test
    void acceptAudioGetsTheBareWav() throws Exception {
        HttpResponse<byte[]> r = api.http().send(api.builder(path("/speech"), viewer)
                .header("Content-Type", "application/json").header("Accept", "audio/wav")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Hallo Welt\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(new String(r.body(), 0, 4)).isEqualTo("RIFF");
        assertThat(r.headers().firstValue("X-Wattos-Duration-Ms")).isPresent();
    }

    @Test
    void badSpeechRequestsAreExplained() {
        assertThat(api.post(path("/speech"), viewer, Map.of("text", " ")).code()).isEqualTo("validation_failed");
        assertThat(api.post(path("/speech"), viewer, Map.of("text", "x".repeat(5000))).code()).isEqualTo("validation_failed");
        assertThat(api.post(path("/speech"), viewer, Map.of("text", "Hallo", "format", "exe")).code()).isEqualTo("validation_failed");
        assertThat(api.post(path("/speech"), viewer, Map.of("text", "Hallo", "format", "mp3")).code()).isEqualTo("format_unsupported");
        assertThat(api.post(path("/speech"), viewer, Map.of("text", "Hallo", "rate", 9)).code()).isEqualTo("validation_failed");
        assertThat(api.post(path("/speech"), viewer, Map.of("text", "Hallo", "provider", "nope")).status()).isEqualTo(404);
    }

    @Test
    void withoutATranscriptionProviderTheAnswerSaysWhy() {
        TestApi.Response r = api.multipart(path("/transcriptions"), viewer, "file", Map.of("a.wav", VoiceStub.wav(16000, 500)));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("stt_not_configured");
        assertThat(r.body()).contains("keine Offline-Spracherkennung für Deutsch");
        assertThat(api.send(api.builder(path("/transcriptions"), viewer).header("Accept-Language", "en")
                .header("Content-Type", "multipart/form-data; boundary=b").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\n"
                        + new String(VoiceStub.wav(16000, 300), java.nio.charset.StandardCharsets.ISO_8859_1) + "\r\n--b--\r\n",
                        java.nio.charset.StandardCharsets.ISO_8859_1))).body()).contains("no offline German speech recognition");
        assertThat(api.get(path("/status"), viewer).json().path("transcriptionProvider").isNull()).isTrue();
    }

    @Test
    void aConfiguredProviderTranscribesAndItsKeyStaysSecret() {
        try (VoiceStub stub = new OpenAiTranscriptionContractTest.OpenAiTranscriptionStub()) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("purpose", "transcription");
            config.put("name", "Whisper lokal");
            config.put("type", "openai");
            config.put("baseUrl", stub.baseUri().toString());
            config.put("apiKey", "sk-secret-9876");
            assertThat(api.post(path("/providers"), viewer, config).status()).isEqualTo(403);
            TestApi.Response created = api.post(path("/providers"), admin, config);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).doesNotContain("sk-secret-9876").contains("…9876");

            TestApi.Response r = api.multipart(path("/transcriptions"), viewer, "file",
                    Map.of("frage.wav", VoiceStub.wav(16000, 800)));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("text").asString()).isEqualTo("Wann hat das Bürgerbüro geöffnet?");
            assertThat(stub.last().header("Authorization")).isEqualTo("Bearer sk-secret-9876");
            assertThat(api.get(path("/status"), viewer).json().path("transcriptionProvider").asString()).isEqualTo("Whisper lokal");

            TestApi.Response tooLong = api.multipart(path("/transcriptions"), viewer, "file",
                    Map.of("lang.wav", VoiceStub.wav(8000, 61_000)));
            assertThat(tooLong.status()).isEqualTo(413);
            assertThat(tooLong.code()).isEqualTo("recording_too_long");
        }
    }
}
