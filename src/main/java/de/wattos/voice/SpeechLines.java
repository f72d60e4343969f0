package de.wattos.voice;

import de.wattos.platform.ApiException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speech as NDJSON ({@code application/x-ndjson}), the one wire shape of streamed speech for members and visitors
 * alike: a line {@code {index, text, offsetMs, speech}} per sentence, flushed as soon as it is synthesised (so
 * playback starts with the first sentence), then {@code {done, sentences, durationMs}}, or {@code {error:{code,
 * detail}}} when a sentence fails (the status line was sent long before).
 */
public final class SpeechLines {

    public static final String MEDIA_TYPE = "application/x-ndjson";

    /** A sentence's audio and timings on its own clock, and where it starts on the clock of the whole text. */
    public record SentenceLine(int index, String text, long offsetMs, SpokenText speech) {
    }

    public record EndLine(boolean done, int sentences, long durationMs) {
    }

    public record ErrorDetail(String code, String detail) {
    }

    private SpeechLines() {
    }

    public static void write(SentenceSpeech speech, OutputStream out, JsonMapper json) throws IOException {
        long offset = 0;
        try {
            for (int i = 0; i < speech.sentences().size(); i++) {
                SpokenText spoken = speech.speak(i);
                line(out, json, new SentenceLine(i, speech.sentences().get(i), offset, spoken));
                offset += spoken.durationMs();
            }
            line(out, json, new EndLine(true, speech.sentences().size(), offset));
        } catch (ApiException e) {
            line(out, json, Map.of("error", new ErrorDetail(e.code(), e.getMessage())));
        }
    }

    private static void line(OutputStream out, JsonMapper json, Object value) throws IOException {
        out.write(json.writeValueAsBytes(value));
        out.write('\n');
        out.flush();
    }
}
