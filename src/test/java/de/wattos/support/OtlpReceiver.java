package de.wattos.support;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector stand-in on loopback speaking OTLP/HTTP as the spec has it: {@code POST /v1/traces}
 * with a protobuf {@code ExportTraceServiceRequest} (optionally gzip), answered 200 with an empty protobuf
 * {@code ExportTraceServiceResponse}. It decodes the protobuf wire format itself (no generated classes), far enough
 * to list each span's trace id, span id, parent span id, name and its resource's {@code service.name}.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One received span. */
    public record Span(String service, String traceId, String spanId, String parentSpanId, String name) {
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    public OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (exchange) {
                String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
                if (!"POST".equals(exchange.getRequestMethod()) || !type.startsWith("application/x-protobuf")) {
                    refused.add(exchange.getRequestMethod() + " " + type);
                    exchange.sendResponseHeaders(415, -1);
                    return;
                }
                InputStream body = exchange.getRequestBody();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    body = new GZIPInputStream(body);
                }
                byte[] request = body.readAllBytes();
                try {
                    spans.addAll(decodeRequest(request));
                } catch (RuntimeException malformed) {
                    refused.add("malformed protobuf: " + malformed);
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse: zero bytes
            }
        });
        server.start();
    }

    /** The OTLP/HTTP traces URL to configure. */
    public String tracesUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    public List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Requests that did not follow the protocol (wrong method, media type or body). */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ExportTraceServiceRequest{1: ResourceSpans}; ResourceSpans{1: Resource, 2: ScopeSpans};
    // Resource{1: KeyValue}; KeyValue{1: key, 2: AnyValue{1: string_value}}; ScopeSpans{2: Span};
    // Span{1: trace_id, 2: span_id, 4: parent_span_id, 5: name}
    static List<Span> decodeRequest(byte[] message) {
        List<Span> out = new java.util.ArrayList<>();
        for (Field resourceSpans : fields(message)) {
            if (resourceSpans.number() != 1) {
                continue;
            }
            String service = null;
            List<byte[]> scopes = new java.util.ArrayList<>();
            for (Field f : fields(resourceSpans.bytes())) {
                if (f.number() == 1) {
                    service = serviceName(f.bytes());
                } else if (f.number() == 2) {
                    scopes.add(f.bytes());
                }
            }
            for (byte[] scope : scopes) {
                for (Field f : fields(scope)) {
                    if (f.number() == 2) {
                        out.add(span(service, f.bytes()));
                    }
                }
            }
        }
        return out;
    }

    private static String serviceName(byte[] resource) {
        for (Field attribute : fields(resource)) {
            if (attribute.number() != 1) {
                continue;
            }
            String key = null;
            String value = null;
            for (Field f : fields(attribute.bytes())) {
                if (f.number() == 1) {
                    key = f.string();
                } else if (f.number() == 2) {
                    for (Field v : fields(f.bytes())) {
                        if (v.number() == 1) {
                            value = v.string();
                        }
                    }
                }
            }
            if ("service.name".equals(key)) {
                return value;
            }
        }
        return null;
    }

    private static Span span(String service, byte[] span) {
        String trace = null;
        String id = null;
        String parent = "";
        String name = null;
        for (Field f : fields(span)) {
            switch (f.number()) {
                case 1 -> trace = HexFormat.of().formatHex(f.bytes());
                case 2 -> id = HexFormat.of().formatHex(f.bytes());
                case 4 -> parent = HexFormat.of().formatHex(f.bytes());
                case 5 -> name = f.string();
                default -> {
                }
            }
        }
        return new Span(service, trace, id, parent, name);
    }

    private record Field(int number, byte[] bytes) {
        String string() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The length-delimited fields of a message (varint and fixed fields are skipped). */
    private static List<Field> fields(byte[] message) {
        List<Field> out = new java.util.ArrayList<>();
        int[] pos = {0};
        while (pos[0] < message.length) {
            long tag = varint(message, pos);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> varint(message, pos);
                case 1 -> pos[0] += 8;
                case 5 -> pos[0] += 4;
                case 2 -> {
                    int length = (int) varint(message, pos);
                    if (length < 0 || pos[0] + length > message.length) {
                        throw new IllegalArgumentException("length " + length + " beyond the message");
                    }
                    ByteArrayOutputStream copy = new ByteArrayOutputStream(length);
                    copy.write(message, pos[0], length);
                    out.add(new Field(number, copy.toByteArray()));
                    pos[0] += length;
                }
                default -> throw new IllegalArgumentException("wire type " + (tag & 7));
            }
        }
        return out;
    }

    private static long varint(byte[] message, int[] pos) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= message.length) {
                throw new IllegalArgumentException("truncated varint");
            }
            byte b = message[pos[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
