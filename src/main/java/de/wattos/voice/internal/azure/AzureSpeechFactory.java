package de.wattos.voice.internal.azure;

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
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code azure}: Azure AI Speech's REST synthesis ({@code POST /cognitiveservices/v1} with an SSML body and
 * {@code X-Microsoft-OutputFormat}). The REST endpoint sends audio only (viseme events need the Speech SDK's
 * WebSocket protocol), so timings are estimated on the audio's length.
 */
@Component
public class AzureSpeechFactory implements SpeechProviderFactory {

    private final VoiceHttp http;
    private final JsonMapper json;

    public AzureSpeechFactory(VoiceHttp http, JsonMapper json) {
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
    public SpeechProvider create(VoiceProviderSettings s) {
        return call -> synthesize(s, call);
    }

    private SpokenText synthesize(VoiceProviderSettings s, SpeechCall call) {
        String format = call.format() == null ? "wav" : call.format();
        String outputFormat = switch (format) {
            case "wav" -> "riff-24khz-16bit-mono-pcm";
            case "mp3" -> "audio-24khz-48kbitrate-mono-mp3";
            case "pcm" -> "raw-24khz-16bit-mono-pcm";
            default -> throw new VoiceProviderException("unsupported_format", "Azure speech offers wav, pcm or mp3, not " + format);
        };
        String voice = call.voice() != null ? call.voice() : s.voice() != null ? s.voice() : "de-DE-KatjaNeural";
        HttpRequest request = HttpRequest.newBuilder(AzureEndpoints.of(s, "tts", "/cognitiveservices/v1"))
                .timeout(s.timeout())
                .header("Content-Type", "application/ssml+xml")
                .header("X-Microsoft-OutputFormat", outputFormat)
                .header("Ocp-Apim-Subscription-Key", s.apiKey() == null ? "" : s.apiKey())
                .header("User-Agent", "WattOS")
                .POST(HttpRequest.BodyPublishers.ofString(ssml(call.text(), voice, call.rate()), StandardCharsets.UTF_8))
                .build();
        byte[] audio = http.send(request, s.timeout(), AzureEndpoints.errors(json)).body();
        if (audio.length == 0) {
            throw new VoiceProviderException("malformed_response", "Azure sent no audio");
        }
        long duration = switch (format) {
            case "wav" -> Wav.durationMs(audio);
            case "pcm" -> audio.length * 1000L / 48000;
            default -> -1;
        };
        if (format.equals("wav") && duration < 0) {
            throw new VoiceProviderException("malformed_response", "Azure's answer is not a WAV file");
        }
        PhonemeEstimate.Timings timings = PhonemeEstimate.of(call.text(), duration);
        String contentType = switch (format) {
            case "wav" -> "audio/wav";
            case "mp3" -> "audio/mpeg";
            default -> "audio/L16;rate=24000;channels=1";
        };
        return new SpokenText(audio, contentType, format, 24000, timings.naturalDurationMs(), timings.words(),
                timings.visemes(), id(), "estimated");
    }

    static String ssml(String text, String voice, double rate) {
        String lang = voice.length() >= 5 ? voice.substring(0, 5) : "de-DE";
        long percent = Math.round((rate - 1.0) * 100);
        return "<speak version=\"1.0\" xmlns=\"http://www.w3.org/2001/10/synthesis\" xml:lang=\"" + escape(lang) + "\">"
                + "<voice name=\"" + escape(voice) + "\"><prosody rate=\"" + (percent >= 0 ? "+" : "") + percent + "%\">"
                + escape(text) + "</prosody></voice></speak>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
