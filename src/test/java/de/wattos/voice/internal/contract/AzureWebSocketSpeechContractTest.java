package de.wattos.voice.internal.contract;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.voice.SpokenText;
import de.wattos.voice.internal.azure.AzureWebSocketSpeechFactory;
import de.wattos.voice.internal.spi.SpeechCall;
import de.wattos.voice.internal.spi.SpeechProviderFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Azure AI Speech over its WebSocket protocol, against a stub that speaks it on a raw socket: the HTTP upgrade
 * (refused with 401/429 like the service), the client's three text messages ({@code speech.config},
 * {@code synthesis.context}, {@code ssml}), and the service's answer: {@code turn.start}, {@code audio.metadata}
 * with Viseme and WordBoundary events (offsets in 100 ns ticks), binary audio messages, {@code turn.end}.
 */
class AzureWebSocketSpeechContractTest extends AbstractHttpSpeechContractTest {

    /** The stub's viseme cycle per word, Azure ids: sil, p/b/m, ɑ, d/t/n, i, s/z, o, k/g, f/v. */
    static final int[] CYCLE = {0, 21, 2, 19, 6, 15, 8, 20, 18};

    static final class AzureWebSocketStub extends VoiceStub {
        private final ServerSocket socket;
        private final Deque<Behaviour> script = new ArrayDeque<>();
        private final Thread acceptor;

        AzureWebSocketStub() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        Thread.ofVirtual().start(() -> serve(client));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        @Override
        public URI baseUri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        @Override
        public synchronized VoiceStub enqueue(Behaviour... behaviours) {
            script.addAll(List.of(behaviours));
            return this;
        }

        private synchronized Behaviour next() {
            Behaviour b = script.poll();
            return b != null ? b : new Answer();
        }

        @Override
        protected boolean accepts(Received r) {
            return true;
        }

        @Override
        protected Body answer(Received r) {
            return new Body("application/octet-stream", new byte[0]);
        }

        @Override
        protected Body error(Failure f) {
            return new Body("text/plain", new byte[0]);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            acceptor.interrupt();
            super.close();
        }

        private void serve(Socket client) {
            try (client) {
                InputStream in = client.getInputStream();
                OutputStream out = client.getOutputStream();
                String head = readHead(in);
                String[] lines = head.split("\r\n");
                Map<String, String> headers = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    if (colon > 0) {
                        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                    }
                }
                String path = lines[0].split(" ")[1];
                Behaviour behaviour = next();
                if (behaviour instanceof Hang h) {
                    Thread.sleep(h.millis());
                }
                if (behaviour instanceof Failure f && f.status() != 400) {
                    received.add(new Received("GET", path, null, headers, new byte[0]));
                    out.write(("HTTP/1.1 " + f.status() + " Refused\r\nContent-Length: 0\r\n"
                            + (f.retryAfter() == null ? "" : "Retry-After: " + f.retryAfter() + "\r\n") + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return;
                }
                if (!path.startsWith("/cognitiveservices/websocket/v1") || !"websocket".equalsIgnoreCase(headers.get("upgrade"))) {
                    out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                        (headers.get("sec-websocket-key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                StringBuilder messages = new StringBuilder();
                String ssml = null;
                while (ssml == null) {
                    String message = readTextFrame(in);
                    if (message == null) {
                        return;
                    }
                    messages.append(message).append("\r\n--\r\n");
                    if (message.startsWith("Path:ssml") || message.contains("\r\nPath:ssml\r\n")) {
                        ssml = message.substring(message.indexOf("\r\n\r\n") + 4);
                    }
                }
                received.add(new Received("GET", path, null, headers, messages.toString().getBytes(StandardCharsets.UTF_8)));
                if (behaviour instanceof Failure f) {
                    // what the service does with a request it cannot synthesise: it closes with 1007 and its reason
                    byte[] reason = f.message().getBytes(StandardCharsets.UTF_8);
                    byte[] payload = new byte[2 + reason.length];
                    payload[0] = (byte) (1007 >> 8);
                    payload[1] = (byte) (1007 & 0xff);
                    System.arraycopy(reason, 0, payload, 2, reason.length);
                    frame(out, 8, payload);
                    readTextFrame(in);
                    return;
                }
                if (behaviour instanceof Garbage) {
                    frame(out, 1, "<html><body>Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8));
                    readTextFrame(in);
                    return;
                }
                answer(out, ssml);
                readTextFrame(in); // until the client closes
            } catch (Exception e) {
                // the client went away
            }
        }

        /** turn.start, metadata for each word (visemes and its boundary), the audio in two binary messages, turn.end. */
        private void answer(OutputStream out, String ssml) throws IOException {
            Matcher m = Pattern.compile("<prosody rate=\"([+-]\\d+)%\">(.*)</prosody>", Pattern.DOTALL).matcher(ssml);
            boolean found = m.find();
            String text = found ? m.group(2) : "";
            double rate = found ? 1.0 + Integer.parseInt(m.group(1)) / 100.0 : 1.0;
            String[] words = text.trim().split("\\s+");
            long wordTicks = Math.round(3_500_000 / rate); // 350 ms per word at the normal rate
            String id = "X-RequestId:stub\r\n";
            text(out, id + "Content-Type:application/json; charset=utf-8\r\nPath:turn.start\r\n\r\n{\"context\":{\"serviceTag\":\"stub\"}}");
            text(out, id + "Content-Type:application/json; charset=utf-8\r\nPath:response\r\n\r\n{\"context\":{\"serviceTag\":\"stub\"},\"audio\":{\"type\":\"inline\",\"streamId\":\"s1\"}}");
            long offset = 500_000;
            for (String word : words) {
                String clean = word.replaceAll("[.,!?]", "");
                StringBuilder visemes = new StringBuilder();
                for (int i = 0; i < CYCLE.length; i++) {
                    visemes.append(i == 0 ? "" : ",").append("{\"Type\":\"Viseme\",\"Data\":{\"Offset\":")
                            .append(offset + i * wordTicks / CYCLE.length).append(",\"VisemeId\":").append(CYCLE[i]).append("}}");
                }
                text(out, id + "Content-Type:application/json; charset=utf-8\r\nPath:audio.metadata\r\n\r\n{\"Metadata\":[{\"Type\":\"WordBoundary\","
                        + "\"Data\":{\"Offset\":" + offset + ",\"Duration\":" + (wordTicks - 200_000) + ",\"text\":{\"Text\":\"" + clean
                        + "\",\"Length\":" + clean.length() + ",\"BoundaryType\":\"WordBoundary\"}}}]}");
                text(out, id + "Content-Type:application/json; charset=utf-8\r\nPath:audio.metadata\r\n\r\n{\"Metadata\":[" + visemes + "]}");
                offset += wordTicks;
            }
            byte[] pcm = tone(24000, offset / 10_000 + 300);
            int half = pcm.length / 2 & ~1;
            audio(out, java.util.Arrays.copyOfRange(pcm, 0, half));
            audio(out, java.util.Arrays.copyOfRange(pcm, half, pcm.length));
            text(out, id + "Content-Type:application/json; charset=utf-8\r\nPath:turn.end\r\n\r\n{}");
        }

        private static void audio(OutputStream out, byte[] pcm) throws IOException {
            byte[] header = "X-RequestId:stub\r\nX-StreamId:s1\r\nPath:audio\r\nContent-Type:audio/x-wav\r\n".getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            message.write(header.length >> 8);
            message.write(header.length & 0xff);
            message.writeBytes(header);
            message.writeBytes(pcm);
            frame(out, 2, message.toByteArray());
        }

        private static void text(OutputStream out, String message) throws IOException {
            frame(out, 1, message.getBytes(StandardCharsets.UTF_8));
        }

        /** A server frame: final, unmasked. */
        private static void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
            out.write(0x80 | opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else if (payload.length < 65536) {
                out.write(126);
                out.write(payload.length >> 8);
                out.write(payload.length & 0xff);
            } else {
                out.write(127);
                for (int i = 7; i >= 0; i--) {
                    out.write((int) ((long) payload.length >> (8 * i)) & 0xff);
                }
            }
            out.write(payload);
            out.flush();
        }

        /** The next complete text message from the client (masked frames, fragments joined); null on close. */
        private static String readTextFrame(InputStream in) throws IOException {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    return null;
                }
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = (in.read() << 8) | in.read();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | in.read();
                    }
                }
                byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : new byte[4];
                byte[] payload = in.readNBytes((int) length);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = b0 & 0x0f;
                if (opcode == 8) {
                    return null;
                }
                if (opcode == 1 || opcode == 0) {
                    message.writeBytes(payload);
                    if ((b0 & 0x80) != 0) {
                        return message.toString(StandardCharsets.UTF_8);
                    }
                }
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed");
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }
    }

    @Override
    protected VoiceStub newStub() {
        return new AzureWebSocketStub();
    }

    @Override
    protected SpeechProviderFactory factory() {
        return new AzureWebSocketSpeechFactory(JSON);
    }

    @Override
    protected String voice() {
        return "de-DE-KatjaNeural";
    }

    @Override
    protected String expectedTiming() {
        return "provider";
    }

    @Override
    protected void assertWireRequest(VoiceStub.Received r, double rate) {
        assertThat(r.path()).startsWith("/cognitiveservices/websocket/v1");
        assertThat(r.header("Ocp-Apim-Subscription-Key")).isEqualTo(KEY);
        assertThat(r.header("X-ConnectionId")).matches("[0-9a-f]{32}");
        String messages = r.text();
        assertThat(messages).contains("Path:speech.config\r\n").contains("Path:synthesis.context\r\n")
                .contains("\"visemeEnabled\":true").contains("\"wordBoundaryEnabled\":true")
                .contains("\"outputFormat\":\"raw-24khz-16bit-mono-pcm\"")
                .contains("Path:ssml\r\n").contains("Content-Type:application/ssml+xml\r\n")
                .contains("<voice name=\"de-DE-KatjaNeural\">");
        assertThat(messages).contains(rate == 1.0 ? "rate=\"+0%\"" : "rate=\"+80%\"");
    }

    /** Over the WebSocket a request the service cannot synthesise ends with close code 1007 and the reason. */
    @Override
    @Test
    void serviceErrorsCarryTheirMessage() {
        stub.enqueue(new VoiceStub.Failure(400, "Text contains unsupported characters", null));
        de.wattos.voice.internal.spi.VoiceProviderException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                de.wattos.voice.internal.spi.VoiceProviderException.class,
                () -> provider().synthesize(new SpeechCall(SENTENCE, null, "wav", 1.0)));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("provider_error");
        assertThat(e.getMessage()).contains("1007").contains("unsupported characters");
    }

    @Test
    void visemesAndWordsAreAzuresOwnEventsMappedOntoTheAudioClock() {
        SpokenText spoken = provider().synthesize(new SpeechCall("Guten Tag", null, "wav", 1.0));
        // two words of 350 ms from 50 ms on, each through the stub's cycle of nine Azure visemes
        assertThat(spoken.words()).extracting(SpokenText.WordTiming::w).containsExactly("Guten", "Tag");
        assertThat(spoken.words().getFirst().t()).isEqualTo(50);
        assertThat(spoken.words().get(1).t()).isEqualTo(400);
        List<String> shapes = new ArrayList<>(spoken.visemes().stream().map(SpokenText.VisemeTiming::v).toList());
        assertThat(shapes).startsWith("sil", "PP", "aa", "DD", "I", "SS", "O", "kk", "FF", "sil", "PP");
        SpokenText.VisemeTiming pp = spoken.visemes().get(1);
        assertThat(pp.t()).isEqualTo(50 + 350 / 9);
        assertThat(spoken.durationMs()).isEqualTo(750 + 300);
    }
}
