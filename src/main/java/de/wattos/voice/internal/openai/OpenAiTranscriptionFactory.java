package de.wattos.voice.internal.openai;

import de.wattos.platform.Multipart;
import de.wattos.voice.Transcript;
import de.wattos.voice.internal.http.VoiceHttp;
import de.wattos.voice.internal.spi.TranscriptionProvider;
import de.wattos.voice.internal.spi.TranscriptionProviderFactory;
import de.wattos.voice.internal.spi.VoiceProviderException;
import de.wattos.voice.internal.spi.VoiceProviderSettings;
import java.net.http.HttpRequest;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code openai}: {@code POST {base}/audio/transcriptions} (multipart) of OpenAI, faster-whisper and whisper.cpp
 * servers, vLLM. Asks for {@code json} ({@code {"text":…}}), the one response format all of them share.
 */
@Component
public class OpenAiTranscriptionFactory implements TranscriptionProviderFactory {

    private final VoiceHttp http;
    private final JsonMapper json;

    public OpenAiTranscriptionFactory(VoiceHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public String id() {
        return "openai";
    }

    @Override
    public String defaultBaseUrl() {
        return "https://api.openai.com/v1";
    }

    @Override
    public boolean keyOptional() {
        return true;
    }

    @Override
    public TranscriptionProvider create(VoiceProviderSettings s) {
        return clip -> {
            String language = clip.language() == null ? "de" : clip.language();
            Multipart form = new Multipart()
                    .field("model", s.model() == null ? "whisper-1" : s.model())
                    .field("language", language)
                    .field("response_format", "json")
                    .file("file", clip.filename() == null ? "speech" + extension(clip.contentType()) : clip.filename(),
                            clip.contentType() == null ? "application/octet-stream" : clip.contentType(), clip.data());
            HttpRequest.Builder request = HttpRequest.newBuilder(OpenAiErrors.endpoint(s.baseUrl(), "/audio/transcriptions"))
                    .timeout(s.timeout())
                    .header("Content-Type", form.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(form.body()));
            if (s.apiKey() != null) {
                request.header("Authorization", "Bearer " + s.apiKey());
            }
            VoiceHttp.Answer answer = http.send(request.build(), s.timeout(), OpenAiErrors.reader(json));
            JsonNode body;
            try {
                body = json.readTree(answer.body());
            } catch (RuntimeException e) {
                throw new VoiceProviderException("malformed_response", "The transcription answer is not JSON");
            }
            JsonNode text = body.path("text");
            if (!text.isString()) {
                throw new VoiceProviderException("malformed_response", "The transcription answer has no text");
            }
            long duration = body.path("duration").isNumber() ? Math.round(body.path("duration").asDouble() * 1000) : 0;
            return new Transcript(text.asString().strip(), language, duration, id());
        };
    }

    static String extension(String contentType) {
        if (contentType == null) {
            return ".webm";
        }
        String c = contentType.toLowerCase();
        return c.contains("wav") ? ".wav" : c.contains("ogg") ? ".ogg" : c.contains("mpeg") || c.contains("mp3") ? ".mp3"
                : c.contains("mp4") || c.contains("m4a") ? ".m4a" : ".webm";
    }
}
