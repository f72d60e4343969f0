package de.wattos.voice.internal.elevenlabs;

import de.wattos.voice.SpokenText;
import de.wattos.voice.SpokenText.WordTiming;
import de.wattos.voice.internal.espeak.Wav;
import de.wattos.voice.internal.http.VoiceHttp;
import de.wattos.voice.internal.spi.SpeechCall;
import de.wattos.voice.internal.spi.SpeechProvider;
import de.wattos.voice.internal.spi.SpeechProviderFactory;
import de.wattos.voice.internal.spi.VoiceProviderException;
import de.wattos.voice.internal.spi.VoiceProviderSettings;
import de.wattos.voice.internal.viseme.Timeline;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code elevenlabs}: {@code POST /v1/text-to-speech/{voice_id}/with-timestamps}, which answers JSON with the audio
 * in base64 and per-character start and end times; words and visemes are built from those characters.
 * {@code wav} is asked for as {@code pcm_22050} and framed here.
 */
@Component
public class ElevenLabsSpeechFactory implements SpeechProviderFactory {

    private static final int PCM_RATE = 22050;

    private final VoiceHttp http;
    private final JsonMapper json;

    public ElevenLabsSpeechFactory(VoiceHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public String id() {
        return "elevenlabs";
    }

    @Override
    public String defaultBaseUrl() {
        return "https://api.elevenlabs.io";
    }

    @Override
    public boolean keyOptional() {
        return false;
    }

    @Override
    public SpeechProvider create(VoiceProviderSettings s) {
        return call -> synthesize(s, call);
    }

    private SpokenText synthesize(VoiceProviderSettings s, SpeechCall call) {
        String format = call.format() == null ? "wav" : call.format();
        String outputFormat = switch (format) {
            case "wav", "pcm" -> "pcm_" + PCM_RATE;
            case "mp3" -> "mp3_44100_128";
            default -> throw new VoiceProviderException("unsupported_format", "ElevenLabs offers wav, pcm or mp3, not " + format);
        };
        String voice = call.voice() != null ? call.voice() : s.voice();
        if (voice == null || voice.isBlank()) {
            throw new VoiceProviderException("unknown_voice", "ElevenLabs needs a voice id (configure a default voice)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", call.text());
        body.put("model_id", s.model() == null ? "eleven_multilingual_v2" : s.model());
        body.put("language_code", "de");
        if (call.rate() != 1.0) {
            body.put("voice_settings", Map.of("speed", Math.max(0.7, Math.min(1.2, call.rate()))));
        }
        String base = s.baseUrl().toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/v1/text-to-speech/" + URLEncoder.encode(voice, StandardCharsets.UTF_8)
                + "/with-timestamps?output_format=" + outputFormat);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(s.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("xi-api-key", s.apiKey() == null ? "" : s.apiKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
        VoiceHttp.Answer answer = http.send(request, s.timeout(), errors(json));
        JsonNode root;
        byte[] audio;
        try {
            root = json.readTree(answer.body());
            audio = Base64.getDecoder().decode(root.path("audio_base64").asString(""));
        } catch (RuntimeException e) {
            throw new VoiceProviderException("malformed_response", "The ElevenLabs answer is not the with-timestamps JSON");
        }
        if (audio.length == 0) {
            throw new VoiceProviderException("malformed_response", "The ElevenLabs answer has no audio");
        }
        JsonNode alignment = root.path("alignment");
        List<String> chars = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        alignment.path("characters").forEach(c -> chars.add(c.asString("")));
        alignment.path("character_start_times_seconds").forEach(t -> starts.add(Math.round(t.asDouble() * 1000)));
        alignment.path("character_end_times_seconds").forEach(t -> ends.add(Math.round(t.asDouble() * 1000)));
        boolean pcm = outputFormat.startsWith("pcm");
        long duration = pcm ? audio.length * 1000L / (PCM_RATE * 2) : ends.isEmpty() ? 0 : ends.getLast();
        byte[] out = format.equals("wav") ? Wav.wrap(audio, PCM_RATE) : audio;
        String contentType = switch (format) {
            case "wav" -> "audio/wav";
            case "mp3" -> "audio/mpeg";
            default -> "audio/L16;rate=" + PCM_RATE + ";channels=1";
        };
        return new SpokenText(out, contentType, format, pcm ? PCM_RATE : 44100, duration,
                words(chars, starts, ends, duration), Timeline.fromCharacters(chars, starts, ends, duration), id(),
                "provider");
    }

    /** Words are the runs of non-space characters, from the first one's start to the last one's end. */
    static List<WordTiming> words(List<String> chars, List<Long> starts, List<Long> ends, long duration) {
        List<WordTiming> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        long start = 0;
        long end = 0;
        int n = Math.min(chars.size(), Math.min(starts.size(), ends.size()));
        for (int i = 0; i <= n; i++) {
            boolean boundary = i == n || chars.get(i).isBlank();
            if (boundary) {
                if (!word.isEmpty()) {
                    long t = Math.min(start, duration);
                    long e = Math.min(Math.max(end, t), duration);
                    if (e > t && (words.isEmpty() || t >= words.getLast().t())) {
                        words.add(new WordTiming(t, e - t, word.toString()));
                    }
                    word.setLength(0);
                }
                continue;
            }
            if (word.isEmpty()) {
                start = starts.get(i);
            }
            word.append(chars.get(i));
            end = ends.get(i);
        }
        return words;
    }

    static Function<String, String> errors(JsonMapper json) {
        return body -> {
            JsonNode detail = json.readTree(body).path("detail");
            if (detail.isString()) {
                return detail.asString();
            }
            String message = detail.path("message").asString(null);
            return message == null ? null : message;
        };
    }
}
