package de.wattos.voice.internal.azure;

import de.wattos.voice.Transcript;
import de.wattos.voice.internal.http.VoiceHttp;
import de.wattos.voice.internal.spi.TranscriptionProvider;
import de.wattos.voice.internal.spi.TranscriptionProviderFactory;
import de.wattos.voice.internal.spi.VoiceProviderException;
import de.wattos.voice.internal.spi.VoiceProviderSettings;
import java.net.http.HttpRequest;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code azure}: Azure AI Speech's REST API for short audio
 * ({@code POST /speech/recognition/conversation/cognitiveservices/v1?language=de-DE&format=simple}); it takes WAV
 * and Ogg/Opus bodies up to 60 s. {@code NoMatch} and silence give an empty text, not an error.
 */
@Component
public class AzureTranscriptionFactory implements TranscriptionProviderFactory {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");

    private final VoiceHttp http;
    private final JsonMapper json;

    public AzureTranscriptionFactory(VoiceHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public String id() {
        return "azure";
    }

    @Override
    public String defaultBaseUrl() {
        return null;
    }

    @Override
    public boolean keyOptional() {
        return false;
    }

    @Override
    public TranscriptionProvider create(VoiceProviderSettings s) {
        return clip -> {
            String language = clip.language() == null ? "de-DE" : clip.language();
            if (!LANGUAGE.matcher(language).matches()) {
                throw new VoiceProviderException("unsupported_language", "Not a language tag: " + language);
            }
            if (language.length() == 2) {
                language = language + "-" + language.toUpperCase();
            }
            HttpRequest request = HttpRequest.newBuilder(AzureEndpoints.of(s, "stt",
                            "/speech/recognition/conversation/cognitiveservices/v1?language=" + language + "&format=simple"))
                    .timeout(s.timeout())
                    .header("Content-Type", clip.contentType() == null ? "audio/wav" : clip.contentType())
                    .header("Accept", "application/json")
                    .header("Ocp-Apim-Subscription-Key", s.apiKey() == null ? "" : s.apiKey())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(clip.data())).build();
            VoiceHttp.Answer answer = http.send(request, s.timeout(), AzureEndpoints.errors(json));
            JsonNode body;
            try {
                body = json.readTree(answer.body());
            } catch (RuntimeException e) {
                throw new VoiceProviderException("malformed_response", "Azure's recognition answer is not JSON");
            }
            String status = body.path("RecognitionStatus").asString("");
            long duration = body.path("Duration").asLong(0) / 10_000; // 100-ns ticks
            return switch (status) {
                case "Success" -> new Transcript(body.path("DisplayText").asString("").strip(), language, duration, id());
                case "NoMatch", "InitialSilenceTimeout", "BabbleTimeout" -> new Transcript("", language, duration, id());
                default -> throw new VoiceProviderException("provider_error", "Azure could not recognise the audio ("
                        + (status.isEmpty() ? "no status" : status) + ")");
            };
        };
    }
}
