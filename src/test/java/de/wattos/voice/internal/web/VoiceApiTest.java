package de.wattos.voice.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import de.wattos.voice.internal.contract.OpenAiSpeechContractTest;
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
            assertThat(created.body()).doesNotContain("sk-secret").doesNotContain("secret-9876");
            assertThat(created.json().path("apiKeyHint").asString()).isEqualTo("••••");

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

    /** A key is never shown back, not in part: the views say "set, since when", and provider errors lose it. */
    @Test
    void aProvidersKeyNeverComesBackNotEvenInPart() {
        String key = "sk-proj-Xq7wL2mN5pR8tV1yZ4bC";
        try (VoiceStub stub = new OpenAiSpeechContractTest.OpenAiSpeechStub()) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("purpose", "speech");
            config.put("name", "Cloud-Stimme");
            config.put("type", "openai");
            config.put("baseUrl", stub.baseUri().toString());
            config.put("apiKey", key);
            TestApi.Response created = api.post(path("/providers"), admin, config);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode view = created.json();
            assertThat(view.path("hasApiKey").asBoolean()).isTrue();
            assertThat(view.path("apiKeyHint").asString()).isEqualTo("••••");
            assertThat(view.path("apiKeySetAt").asString()).isNotBlank();
            String id = view.path("id").asString();

            config.remove("apiKey");
            config.put("name", "Cloud-Stimme 2");
            TestApi.Response kept = api.put(path("/providers/" + id), admin, config);
            assertThat(kept.status()).as(kept.body()).isEqualTo(200);
            assertThat(kept.json().path("hasApiKey").asBoolean()).isTrue();
            assertThat(kept.json().path("apiKeySetAt").asString()).isEqualTo(view.path("apiKeySetAt").asString());

            for (TestApi.Response read : new TestApi.Response[] {api.get(path("/providers"), viewer),
                    api.get(path("/providers/" + id), viewer), api.get(path("/status"), viewer), kept}) {
                assertThat(read.status()).isEqualTo(200);
                assertThat(read.body()).doesNotContain("Z4bC").doesNotContain("Xq7w");
            }

            // OpenAI echoes a refused key masked down to its last four characters; other servers echo it whole
            stub.enqueue(new VoiceStub.Failure(401, "Incorrect API key provided: sk-proj-****************Z4bC. "
                    + "You can find your API key at https://platform.openai.com/account/api-keys.", null));
            TestApi.Response refused = api.post(path("/speech"), viewer, Map.of("text", "Guten Tag."));
            assertThat(refused.status()).as(refused.body()).isEqualTo(502);
            assertThat(refused.body()).doesNotContain("Z4bC");
            stub.enqueue(new VoiceStub.Failure(400, "bad request for key " + key + " (token Xq7wL2mN5pR8tV1yZ4bC)", null));
            TestApi.Response echoed = api.post(path("/speech"), viewer, Map.of("text", "Guten Tag."));
            assertThat(echoed.status()).as(echoed.body()).isEqualTo(502);
            assertThat(echoed.body()).doesNotContain("Z4bC").doesNotContain("Xq7w");
            // a streamed answer reports a failing sentence in its last line, in the provider's words: without the key
            stub.enqueue(new VoiceStub.Failure(400, "bad request for key " + key + " (token Xq7wL2mN5pR8tV1yZ4bC)", null));
            TestApi.Response streamed = api.send(api.builder(path("/speech"), viewer).header("Content-Type", "application/json")
                    .header("Accept", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Guten Tag.\"}")));
            assertThat(streamed.status()).isEqualTo(200);
            assertThat(streamed.body()).contains("\"error\"").contains("[redacted]").doesNotContain("Z4bC").doesNotContain("Xq7w");

            TestApi.Response removed = api.put(path("/providers/" + id), admin, Map.of("purpose", "speech",
                    "name", "Cloud-Stimme 2", "type", "openai", "baseUrl", stub.baseUri().toString(), "apiKey", ""));
            assertThat(removed.status()).as(removed.body()).isEqualTo(200);
            assertThat(removed.json().path("hasApiKey").asBoolean()).isFalse();
            assertThat(removed.json().path("apiKeyHint").isNull()).isTrue();
            assertThat(removed.json().path("apiKeySetAt").isNull()).isTrue();
        }
    }
}
