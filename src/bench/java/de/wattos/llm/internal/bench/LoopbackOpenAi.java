package de.wattos.llm.internal.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A minimal OpenAI-compatible server on loopback for the benchmark: answers {@code /v1/chat/completions} at once
 * (blocking JSON or SSE chunks with {@code [DONE]}), so what is measured is our side of the call.
 */
final class LoopbackOpenAi implements AutoCloseable {

    static final String[] DELTAS = {"Die ", "Hundesteuer ", "beträgt ", "96 ", "Euro ", "im ", "Jahr. ", "[1]"};

    private final HttpServer server;

    LoopbackOpenAi() throws IOException {
        // without TCP_NODELAY small SSE chunks meet delayed ACKs (~40 ms stalls) and the figures measure the stub
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::chat);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void chat(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains("\"stream\":true")) {
                ex.getResponseHeaders().add("Content-Type", "text/event-stream");
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                for (String d : DELTAS) {
                    out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"bench\",\"choices\":"
                            + "[{\"index\":0,\"delta\":{\"content\":\"" + d + "\"},\"finish_reason\":null}]}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"bench\",\"choices\":"
                        + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                        + "data: {\"id\":\"c\",\"model\":\"bench\",\"choices\":[],\"usage\":{\"prompt_tokens\":900,"
                        + "\"completion_tokens\":8}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] answer = ("{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"bench\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"" + String.join("", DELTAS) + "\"},"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":900,\"completion_tokens\":8}}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
