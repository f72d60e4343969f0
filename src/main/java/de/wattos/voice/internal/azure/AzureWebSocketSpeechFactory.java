package de.wattos.voice.internal.azure;

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
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code azure-websocket}: Azure AI Speech over the WebSocket protocol its Speech SDK speaks
 * ({@code wss://{region}.tts.speech.microsoft.com/cognitiveservices/websocket/v1}): the same SSML as the REST
 * endpoint, plus the service's own viseme and word-boundary events ({@code Path:audio.metadata}), so the avatar's
 * mouth follows Azure's timing instead of an estimate. Audio arrives as binary messages (a two-byte header length,
 * the header, raw 24 kHz 16-bit PCM).
 */
@Component
public class AzureWebSocketSpeechFactory implements SpeechProviderFactory {

    static final int SAMPLE_RATE = 24000;
    static final String PATH = "/cognitiveservices/websocket/v1";
    /** Azure's viseme ids (0–21, its own set) to the nearest of the 15 Oculus shapes the avatars carry. */
    static final List<String> OCULUS = List.of("sil", "aa", "aa", "O", "E", "RR", "I", "U", "O", "aa", "O", "aa", "kk",
            "RR", "nn", "SS", "CH", "TH", "FF", "DD", "kk", "PP");
    private static final long TICKS_PER_MS = 10_000;

    private final JsonMapper json;

    public AzureWebSocketSpeechFactory(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String id() {
        return "azure-websocket";
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
        if (!format.equals("wav") && !format.equals("pcm")) {
            throw new VoiceProviderException("unsupported_format", "Azure over WebSocket offers wav or pcm, not " + format);
        }
        String voice = call.voice() != null ? call.voice() : s.voice() != null ? s.voice() : "de-DE-KatjaNeural";
        URI uri = webSocketUri(AzureEndpoints.of(s, "tts", PATH));
        String connection = UUID.randomUUID().toString().replace("-", "");
        String request = UUID.randomUUID().toString().replace("-", "");
        Turn turn = new Turn(json);
        HttpClient client = HttpClient.newBuilder().connectTimeout(s.timeout()).build();
        long deadline = System.nanoTime() + s.timeout().toNanos();
        WebSocket socket = null;
        try {
            socket = client.newWebSocketBuilder()
                    .header("Ocp-Apim-Subscription-Key", s.apiKey() == null ? "" : s.apiKey())
                    .header("X-ConnectionId", connection)
                    .connectTimeout(s.timeout())
                    .buildAsync(uri, turn).get(remaining(deadline), TimeUnit.NANOSECONDS);
            socket.sendText(message("speech.config", null, "application/json", SPEECH_CONFIG), true).get(remaining(deadline), TimeUnit.NANOSECONDS);
            socket.sendText(message("synthesis.context", request, "application/json", SYNTHESIS_CONTEXT), true).get(remaining(deadline), TimeUnit.NANOSECONDS);
            socket.sendText(message("ssml", request, "application/ssml+xml", AzureSpeechFactory.ssml(call.text(), voice,
                    call.rate())), true).get(remaining(deadline), TimeUnit.NANOSECONDS);
            turn.done.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new VoiceProviderException("timeout", "Azure did not finish within " + s.timeout().toMillis() + " ms", 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VoiceProviderException("cancelled", "The voice call was interrupted");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } finally {
            if (socket != null) {
                socket.abort();
            }
            client.shutdownNow();
        }
        byte[] pcm = turn.audio.toByteArray();
        if (pcm.length == 0) {
            throw new VoiceProviderException("malformed_response", "Azure ended the turn without audio");
        }
        long durationMs = (pcm.length / 2) * 1000L / SAMPLE_RATE;
        List<WordTiming> words = new ArrayList<>();
        long wordEnd = 0;
        for (WordTiming w : turn.words) {
            long t = Math.max(wordEnd, Math.min(w.t(), durationMs));
            long end = Math.min(durationMs, w.t() + w.d());
            if (end > t) {
                words.add(new WordTiming(t, end - t, w.w()));
                wordEnd = end;
            }
        }
        return new SpokenText(format.equals("wav") ? Wav.wrap(pcm, SAMPLE_RATE) : pcm,
                format.equals("wav") ? "audio/wav" : "audio/L16;rate=24000;channels=1", format, SAMPLE_RATE, durationMs,
                words, Timeline.fromEvents(turn.visemeStarts, turn.visemeShapes, durationMs), id(), "provider");
    }

    private static long remaining(long deadline) throws TimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutException();
        }
        return left;
    }

    private static VoiceProviderException failure(Throwable cause) {
        if (cause instanceof VoiceProviderException v) {
            return v;
        }
        if (cause instanceof WebSocketHandshakeException h) {
            // Azure refuses the upgrade with the same statuses as its REST API (401 wrong key, 429 with Retry-After)
            Object body = h.getResponse().body();
            return VoiceHttp.statusError(h.getResponse().statusCode(), h.getResponse().headers(),
                    body instanceof String text ? text : "", text -> null);
        }
        if (cause instanceof HttpTimeoutException) {
            return new VoiceProviderException("timeout", "Azure did not answer in time", 0, null, cause);
        }
        if (cause instanceof ConnectException || (cause != null && cause.getCause() instanceof ConnectException)) {
            return new VoiceProviderException("provider_unavailable", "Cannot connect to Azure Speech", 0, null, cause);
        }
        return new VoiceProviderException("provider_unavailable", "The Azure Speech connection failed: "
                + (cause == null ? "unknown" : cause.getClass().getSimpleName()), 0, null, cause);
    }

    static URI webSocketUri(URI base) {
        String s = base.toString();
        if (s.startsWith("https://")) {
            return URI.create("wss://" + s.substring(8));
        }
        if (s.startsWith("http://")) {
            return URI.create("ws://" + s.substring(7));
        }
        return base;
    }

    /** A text message of the protocol: header lines, a blank line, the body. */
    static String message(String path, String requestId, String contentType, String body) {
        return "Path:" + path + "\r\n" + (requestId == null ? "" : "X-RequestId:" + requestId + "\r\n")
                + "X-Timestamp:" + Instant.now() + "\r\nContent-Type:" + contentType + "\r\n\r\n" + body;
    }

    static final String SPEECH_CONFIG = "{\"context\":{\"system\":{\"name\":\"WattOS\",\"version\":\"1\",\"build\":\"Java\","
            + "\"lang\":\"Java\"},\"os\":{\"platform\":\"Linux\",\"name\":\"Linux\",\"version\":\"\"}}}";
    static final String SYNTHESIS_CONTEXT = "{\"synthesis\":{\"audio\":{\"metadataOptions\":{\"visemeEnabled\":true,"
            + "\"wordBoundaryEnabled\":true,\"bookmarkEnabled\":false,\"punctuationBoundaryEnabled\":false,"
            + "\"sentenceBoundaryEnabled\":false,\"sessionEndEnabled\":true},\"outputFormat\":\"raw-24khz-16bit-mono-pcm\"},"
            + "\"language\":{\"autoDetection\":false}}}";

    /** One synthesis turn: collects audio and metadata until {@code turn.end}. */
    static final class Turn implements WebSocket.Listener {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final ByteArrayOutputStream audio = new ByteArrayOutputStream();
        final List<Long> visemeStarts = new ArrayList<>();
        final List<String> visemeShapes = new ArrayList<>();
        final List<WordTiming> words = new ArrayList<>();
        private final JsonMapper json;
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        Turn(JsonMapper json) {
            this.json = json;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                guarded(() -> onTextMessage(message));
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (binary.size() + audio.size() > VoiceHttp.MAX_BODY) {
                done.completeExceptionally(new VoiceProviderException("malformed_response", "Azure's audio is too large"));
            } else if (last) {
                byte[] message = binary.toByteArray();
                binary.reset();
                guarded(() -> onAudioMessage(message));
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            done.completeExceptionally(new VoiceProviderException("provider_error",
                    "Azure closed the connection before the turn ended: " + status + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            done.completeExceptionally(error);
        }

        private void guarded(Runnable handler) {
            try {
                handler.run();
            } catch (RuntimeException e) {
                done.completeExceptionally(e instanceof VoiceProviderException ? e
                        : new VoiceProviderException("malformed_response", "Azure sent a message WattOS cannot read", 0, null, e));
            }
        }

        private void onTextMessage(String message) {
            int split = message.indexOf("\r\n\r\n");
            if (split < 0) {
                throw new VoiceProviderException("malformed_response", "Azure sent a message without headers");
            }
            Map<String, String> headers = headers(message.substring(0, split));
            String path = headers.get("path");
            if (path == null) {
                throw new VoiceProviderException("malformed_response", "Azure sent a message without a path");
            }
            switch (path) {
                case "audio.metadata" -> metadata(json.readTree(message.substring(split + 4)));
                case "turn.end" -> done.complete(null);
                default -> {
                    // turn.start, response: nothing WattOS needs
                }
            }
        }

        private void metadata(JsonNode body) {
            for (JsonNode item : body.path("Metadata")) {
                JsonNode data = item.path("Data");
                long startMs = data.path("Offset").asLong() / TICKS_PER_MS;
                switch (item.path("Type").asString("")) {
                    case "Viseme" -> {
                        int id = data.path("VisemeId").asInt(-1);
                        if (id < 0 || id >= OCULUS.size()) {
                            throw new VoiceProviderException("malformed_response", "Azure sent an unknown viseme id " + id);
                        }
                        visemeStarts.add(startMs);
                        visemeShapes.add(OCULUS.get(id));
                    }
                    case "WordBoundary" -> {
                        long durationMs = data.path("Duration").asLong() / TICKS_PER_MS;
                        String word = data.path("text").path("Text").asString("");
                        if (!word.isBlank() && durationMs > 0) {
                            words.add(new WordTiming(startMs, durationMs, word));
                        }
                    }
                    default -> {
                        // SessionEnd, bookmarks: not needed
                    }
                }
            }
        }

        private void onAudioMessage(byte[] message) {
            if (message.length < 2) {
                throw new VoiceProviderException("malformed_response", "Azure sent an empty binary message");
            }
            int headerLength = ((message[0] & 0xff) << 8) | (message[1] & 0xff);
            if (2 + headerLength > message.length) {
                throw new VoiceProviderException("malformed_response", "Azure's audio header is longer than its message");
            }
            Map<String, String> headers = headers(new String(message, 2, headerLength, StandardCharsets.US_ASCII));
            if ("audio".equals(headers.get("path"))) {
                audio.write(message, 2 + headerLength, message.length - 2 - headerLength);
            }
        }

        private static Map<String, String> headers(String block) {
            Map<String, String> out = new java.util.HashMap<>();
            for (String line : block.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    out.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            return out;
        }
    }
}
