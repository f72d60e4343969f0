package de.wattos.voice.internal.openai;

import de.wattos.voice.SpokenText;
import de.wattos.voice.internal.espeak.PhonemeEstimate;
import de.wattos.voice.internal.espeak.Wav;
import de.wattos.voice.internal.http.VoiceHttp;
import de.wattos.voice.internal.spi.SpeechCall;
import de.wattos.voice.internal.spi.SpeechProvider;
import de.wattos.voice.internal.spi.SpeechProviderFactory;
import de.wattos.voice.internal.spi.VoiceProviderException;
import de.wattos.voice.internal.spi.VoiceProviderSettings;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code openai}: {@code POST {base}/audio/speech} of OpenAI and every compatible server. The API gives audio only,
 * so timings are estimated ({@link PhonemeEstimate}) on the audio's length.
 */
@Component
public class OpenAiSpeechFactory implements SpeechProviderFactory {

    static final Set<String> FORMATS = Set.of("wav", "mp3", "pcm", "opus", "aac", "flac");

    private final VoiceHttp http;
    private final JsonMapper json;

    public OpenAiSpeechFactory(VoiceHttp http, JsonMapper json) {
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
    public SpeechProvider create(VoiceProviderSettings s) {
        return call -> {
            String format = call.format() == null ? "wav" : call.format();
            if (!FORMATS.contains(format)) {
                throw new VoiceProviderException("unsupported_format", "OpenAI speech offers " + FORMATS + ", not " + format);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("model", s.model() == null ? "gpt-4o-mini-tts" : s.model());
            body.put("input", call.text());
            body.put("voice", call.voice() != null ? call.voice() : s.voice() != null ? s.voice() : "alloy");
            body.put("response_format", format);
            if (call.rate() != 1.0) {
                body.put("speed", call.rate());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(OpenAiErrors.endpoint(s.baseUrl(), "/audio/speech"))
                    .timeout(s.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            if (s.apiKey() != null) {
                request.header("Authorization", "Bearer " + s.apiKey());
            }
            VoiceHttp.Answer answer = http.send(request.build(), s.timeout(), OpenAiErrors.reader(json));
            return spoken(call, format, answer.body(), id());
        };
    }

    static SpokenText spoken(SpeechCall call, String format, byte[] audio, String provider) {
        if (audio.length == 0) {
            throw new VoiceProviderException("malformed_response", "The provider sent no audio");
        }
        long duration = format.equals("wav") ? Wav.durationMs(audio) : format.equals("pcm") ? audio.length / 48L : -1;
        if (format.equals("wav") && duration < 0) {
            throw new VoiceProviderException("malformed_response", "The provider's answer is not a WAV file");
        }
        int rate = format.equals("wav") ? Wav.sampleRate(audio) : format.equals("pcm") ? 24000 : 0;
        PhonemeEstimate.Timings timings = PhonemeEstimate.of(call.text(), duration);
        return new SpokenText(audio, contentType(format), format, rate, timings.naturalDurationMs(), timings.words(),
                timings.visemes(), provider, "estimated");
    }

    static String contentType(String format) {
        return switch (format) {
            case "wav" -> "audio/wav";
            case "mp3" -> "audio/mpeg";
            case "opus" -> "audio/ogg";
            case "aac" -> "audio/aac";
            case "flac" -> "audio/flac";
            default -> "audio/L16;rate=24000;channels=1";
        };
    }

}
