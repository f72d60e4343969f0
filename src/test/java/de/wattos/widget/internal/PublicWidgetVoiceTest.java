package de.wattos.widget.internal;

import static de.wattos.widget.internal.PublicWidgetSite.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import de.wattos.voice.internal.contract.OpenAiSpeechContractTest.OpenAiSpeechStub;
import de.wattos.voice.internal.contract.OpenAiTranscriptionContractTest.OpenAiTranscriptionStub;
import de.wattos.voice.internal.contract.VoiceStub;
import de.wattos.widget.internal.web.WidgetPages;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A visitor hears the assistant, speaks to it and sees its avatar, only where the widget switched voice and avatar
 * on; the public voice endpoints take the visitor token, their rate limits and refuse what is not a recording.
 */
@IntegrationTest
class PublicWidgetVoiceTest {

    @LocalServerPort
    int port;
    PublicWidgetSite site;
    TestApi api;
    String slug;
    String editor;

    @BeforeEach
    void setUp() {
        site = new PublicWidgetSite(port);
        api = site.api;
        slug = site.slug;
        editor = site.editor;
    }

    private JsonNode widget(Map<String, Object> speech) {
        return site.widget(speech);
    }

    private TestApi.Response call(String path, String token, String body) {
        HttpRequest.Builder b = api.builder(path, token).header("Origin", SITE);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return api.send(b.method("POST", body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private String session(String key) {
        return site.session(key);
    }

    private TestApi.Response upload(String key, String token, String partType, byte[] audio) {
        String boundary = "----voice" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"frage\"\r\n"
                + "Content-Type: " + partType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(audio);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(api.builder("/api/v1/public/widgets/" + key + "/transcriptions", token).header("Origin", SITE)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    @Test
    void voiceAndAvatarAreOffByDefault() {
        JsonNode w = widget(null);
        String key = w.path("publicKey").asString();
        assertThat(w.path("speech").path("voice").asBoolean()).isFalse();
        assertThat(w.path("speech").path("avatar").asBoolean()).isFalse();
        JsonNode config = api.get("/api/v1/public/widgets/" + key + "/config", null).json();
        assertThat(config.path("voice").asBoolean()).isFalse();
        assertThat(config.path("avatar").asBoolean()).isFalse();
        TestApi.Response r = call("/api/v1/public/widgets/" + key + "/speech", session(key), "{\"text\":\"Hallo\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("voice_disabled");
        assertThat(upload(key, session(key), "audio/wav", VoiceStub.wav(16000, 300)).code()).isEqualTo("voice_disabled");
        assertThat(api.get("/api/v1/public/widgets/" + key + "/avatar.glb", null).status()).isEqualTo(404);
        assertThat(api.get("/w/" + key + "/avatar", null).status()).isEqualTo(404);
    }

    @Test
    void aVisitorHearsASentenceWithVisemesAndGetsTheAvatar() throws Exception {
        String key = widget(Map.of("voice", true, "avatar", true)).path("publicKey").asString();
        JsonNode config = api.get("/api/v1/public/widgets/" + key + "/config", null).json();
        assertThat(config.path("voice").asBoolean()).isTrue();
        assertThat(config.path("avatar").asBoolean()).isTrue();

        String token = session(key);
        assertThat(call("/api/v1/public/widgets/" + key + "/speech", null, "{\"text\":\"Hallo\"}").status()).isEqualTo(401);
        TestApi.Response r = call("/api/v1/public/widgets/" + key + "/speech", token,
                "{\"text\":\"Der Wertstoffhof hat samstags bis vierzehn Uhr geöffnet.\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("visemes").size()).isGreaterThan(10);
        assertThat(r.json().path("words")).hasSize(8);
        assertThat(r.json().path("contentType").asString()).isEqualTo("audio/wav");
        assertThat(call("/api/v1/public/widgets/" + key + "/speech", token, "{\"text\":\"" + "x".repeat(601) + "\"}").status())
                .isEqualTo(400);
        assertThat(call("/api/v1/public/widgets/" + key + "/speech", token, "{\"text\":\"  \"}").code()).isEqualTo("validation_failed");

        HttpResponse<byte[]> glb = api.http().send(api.builder("/api/v1/public/widgets/" + key + "/avatar.glb?maxTexture=1024", null)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(glb.statusCode()).isEqualTo(200);
        assertThat(new String(glb.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("glTF");
        assertThat(api.get("/api/v1/public/widgets/" + key + "/avatar.glb?maxTexture=99999", null).status()).isEqualTo(400);
        HttpResponse<byte[]> png = api.http().send(api.builder("/api/v1/public/widgets/" + key + "/avatar.png", null)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");

        // the frame may be embedded by the widget's sites only, and its import map is allowed by hash
        TestApi.Response frame = api.get("/w/" + key + "/avatar", null);
        assertThat(frame.status()).isEqualTo(200);
        assertThat(frame.body()).contains("/webjars/three/build/three.module.min.js").contains("/widget-avatar.js");
        assertThat(frame.header("Content-Security-Policy")).contains("frame-ancestors 'self' " + SITE)
                .contains(WidgetPages.AVATAR_IMPORTS_HASH);
        assertThat(frame.header("X-Frame-Options")).isNull();
        assertThat(api.get("/webjars/three/build/three.module.min.js", null).status()).isEqualTo(200);
    }

    @Test
    void speechIsRateLimitedPerVisitor() {
        String key = widget(Map.of("voice", true, "speechPerVisitorPerHour", 2)).path("publicKey").asString();
        String token = session(key);
        assertThat(call("/api/v1/public/widgets/" + key + "/speech", token, "{\"text\":\"Eins.\"}").status()).isEqualTo(200);
        assertThat(call("/api/v1/public/widgets/" + key + "/speech", token, "{\"text\":\"Zwei.\"}").status()).isEqualTo(200);
        TestApi.Response third = call("/api/v1/public/widgets/" + key + "/speech", token, "{\"text\":\"Drei.\"}");
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.code()).isEqualTo("rate_limited");
    }

    @Test
    void speechSettingsAreValidated() {
        Map<String, Object> body = new HashMap<>(WidgetApiTest.fullWidget());
        body.put("speech", Map.of("avatar", true, "avatarId", UUID.randomUUID(), "speechPerVisitorPerHour", 0));
        TestApi.Response r = api.post("/api/v1/tenants/" + slug + "/widgets", editor, body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("speech.avatarId").contains("speech.speechPerVisitorPerHour");
    }

    @Test
    void aSpokenQuestionIsTranscribedAndBadRecordingsAreRefused() {
        try (VoiceStub stub = new OpenAiTranscriptionStub()) {
            String admin = api.userToken(slug, Role.TENANT_ADMIN);
            Map<String, Object> provider = new LinkedHashMap<>();
            provider.put("purpose", "transcription");
            provider.put("name", "Whisper");
            provider.put("type", "openai");
            provider.put("baseUrl", stub.baseUri().toString());
            provider.put("apiKey", "sk-test");
            assertThat(api.post("/api/v1/tenants/" + slug + "/voice/providers", admin, provider).status()).isEqualTo(201);
            String key = widget(Map.of("voice", true)).path("publicKey").asString();
            String token = session(key);

            TestApi.Response ok = upload(key, token, "audio/wav", VoiceStub.wav(16000, 800));
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(ok.json().path("text").asString()).isEqualTo("Wann hat das Bürgerbüro geöffnet?");
            assertThat(stub.last().text()).contains("name=\"language\"\r\n\r\nde");
            int calls = stub.received.size();

            TestApi.Response wrongType = upload(key, token, "text/html", VoiceStub.wav(16000, 300));
            assertThat(wrongType.status()).isEqualTo(415);
            assertThat(wrongType.code()).isEqualTo("unsupported_audio");
            TestApi.Response broken = upload(key, token, "audio/webm", "<html>kein Ton</html>".getBytes(StandardCharsets.UTF_8));
            assertThat(broken.status()).isEqualTo(415);
            assertThat(broken.header("Content-Type")).startsWith("application/problem+json");
            assertThat(upload(key, token, "audio/wav", new byte[0]).status()).isEqualTo(400);
            assertThat(upload(key, null, "audio/wav", VoiceStub.wav(16000, 300)).status()).isEqualTo(401);
            assertThat(stub.received).as("nothing bad reached the provider").hasSize(calls);

            // too large by its declared length: refused before the body is read
            String huge = sendHuge(key, token, 11 * 1024 * 1024);
            assertThat(huge).startsWith("HTTP/1.1 413").contains("application/problem+json").contains("recording_too_large");
        }
    }

    /** Only the head of a request declaring {@code size} bytes: the answer must come before any body is sent. */
    private String sendHuge(String key, String token, int size) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            String head = "POST /api/v1/public/widgets/" + key + "/transcriptions HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nOrigin: " + SITE + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " + size + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                answer.write(buffer, 0, n);
                if (answer.toString(StandardCharsets.UTF_8).contains("recording_too_large")) {
                    break;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theVoiceModuleIsServedSeparatelyAndImportableCrossOrigin() {
        TestApi.Response js = api.send(api.builder("/widget-voice.js", null).header("Origin", SITE).GET());
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("Access-Control-Allow-Origin")).isIn("*", SITE);
        assertThat(js.body()).contains("export function attach");
        assertThat(api.get("/widget.js", null).body()).doesNotContain("MediaRecorder").contains("widget-voice.js");
        assertThat(api.get("/widget-avatar.js", null).body()).contains("GLTFLoader");
    }

    /**
     * A widget that names no avatar of its own shows the answering character's: the tenant's default character's
     * avatar from the library (glb and portrait), and after the character drops it again the generated default.
     */
    @Test
    void theWidgetShowsTheAvatarOfTheAnsweringCharacter() throws Exception {
        String base = "/api/v1/tenants/" + slug;
        TestApi.Response uploaded = api.multipart(base + "/avatars", editor, "file",
                Map.of("Sprecherin.glb", de.wattos.avatar.internal.AvatarFixtures.good(512, 512)));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String avatarId = uploaded.json().path("id").asString();
        byte[] libraryGlb = api.http().send(api.builder(base + "/avatars/" + avatarId + "/glb?maxTexture=1024", editor).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        byte[] generatedGlb = api.http().send(api.builder(base + "/avatars/default/glb?maxTexture=1024", editor).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(libraryGlb).isNotEqualTo(generatedGlb);

        String key = widget(Map.of("voice", true, "avatar", true)).path("publicKey").asString();
        Map<String, Object> spec = new HashMap<>(Map.of("name", "Lena", "tone", "friendly", "address", "Sie"));
        spec.put("avatarId", avatarId);
        TestApi.Response character = api.post(base + "/characters?makeDefault=true", editor, spec);
        assertThat(character.status()).as(character.toString()).isEqualTo(201);
        String characterId = character.json().path("id").asString();
        assertThat(widgetGlb(key)).as("the default character's avatar").isEqualTo(libraryGlb);
        assertThat(portrait(key)).isNotEmpty();

        spec.put("avatarId", null);
        assertThat(api.put(base + "/characters/" + characterId, editor, spec).status()).isEqualTo(200);
        assertThat(widgetGlb(key)).as("no avatar on the character: the generated one").isEqualTo(generatedGlb);
    }

    /**
     * The widget reads answers aloud in the answering character's voice (service, voice name); a character whose
     * service was deleted falls back to the tenant's default voice instead of leaving the visitor in silence.
     */
    @Test
    void theWidgetSpeaksWithTheAnsweringCharactersVoice() {
        String base = "/api/v1/tenants/" + slug;
        String admin = api.userToken(slug, Role.TENANT_ADMIN);
        try (VoiceStub service = new OpenAiSpeechStub()) {
            Map<String, Object> provider = new LinkedHashMap<>();
            provider.put("purpose", "speech");
            provider.put("name", "Cloud");
            provider.put("type", "openai");
            provider.put("baseUrl", service.baseUri().toString());
            TestApi.Response created = api.post(base + "/voice/providers", admin, provider);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);

            Map<String, Object> spec = new HashMap<>(Map.of("name", "Lotte", "tone", "friendly", "address", "Sie"));
            spec.put("voice", Map.of("provider", "Cloud", "voice", "shimmer", "rate", 1.2));
            TestApi.Response character = api.post(base + "/characters?makeDefault=true", editor, spec);
            assertThat(character.status()).as(character.toString()).isEqualTo(201);
            String key = widget(Map.of("voice", true)).path("publicKey").asString();
            TestApi.Response spoken = call("/api/v1/public/widgets/" + key + "/speech", session(key), "{\"text\":\"Guten Tag.\"}");
            assertThat(spoken.status()).as(spoken.body()).isEqualTo(200);
            assertThat(service.received).hasSize(1);
            JsonNode asked = TestApi.JSON.readTree(service.last().body());
            assertThat(asked.path("voice").asString()).isEqualTo("shimmer");
            assertThat(asked.path("speed").asDouble()).isEqualTo(1.2);

            api.delete(base + "/voice/providers/" + created.json().path("id").asString(), admin);
            TestApi.Response fallback = call("/api/v1/public/widgets/" + key + "/speech", session(key), "{\"text\":\"Guten Tag.\"}");
            assertThat(fallback.status()).as(fallback.body()).isEqualTo(200);
            assertThat(fallback.json().path("timing").asString()).as("espeak, the default").isEqualTo("phonemes");
            assertThat(service.received).hasSize(1);
        }
    }

    private byte[] widgetGlb(String key) throws Exception {
        HttpResponse<byte[]> r = api.http().send(api.builder("/api/v1/public/widgets/" + key + "/avatar.glb?maxTexture=1024", null)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private byte[] portrait(String key) throws Exception {
        HttpResponse<byte[]> r = api.http().send(api.builder("/api/v1/public/widgets/" + key + "/avatar.png", null).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
