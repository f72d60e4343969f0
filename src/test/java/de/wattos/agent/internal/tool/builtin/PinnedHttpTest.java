package de.wattos.agent.internal.tool.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import de.wattos.agent.internal.tool.spi.ToolException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding: the http_request tool connects to the address the SSRF guard checked, never resolving the host a
 * second time. A host name that resolves nowhere (".invalid") still reaches the pinned loopback address, and the
 * service sees the URL's host name in {@code Host}.
 */
class PinnedHttpTest {

    HttpServer server;
    final Map<String, String> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/echo", ex -> {
            seen.put("host", ex.getRequestHeaders().getFirst("Host"));
            seen.put("auth", String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            seen.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0); // chunked
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/big", ex -> {
            byte[] body = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theConnectionGoesToTheCheckedAddressWithoutASecondLookup() {
        int port = server.getAddress().getPort();
        PinnedHttp.Reply reply = PinnedHttp.exchange(URI.create("http://rebinding.invalid:" + port + "/echo?x=1"),
                InetAddress.getLoopbackAddress(), "POST", Map.of("Authorization", "Bearer t"),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10), 1000);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(reply.header("content-type")).isEqualTo("application/json");
        assertThat(seen).containsEntry("host", "rebinding.invalid:" + port).containsEntry("auth", "Bearer t")
                .containsEntry("body", "{\"a\":1}");
    }

    @Test
    void headerInjectionAndOversizedAnswersAreRefused() {
        URI uri = URI.create("http://service.invalid:" + server.getAddress().getPort() + "/big");
        assertThatThrownBy(() -> PinnedHttp.exchange(uri, InetAddress.getLoopbackAddress(), "GET", Map.of(), null,
                Duration.ofSeconds(10), 1000)).isInstanceOf(ToolException.class)
                .satisfies(e -> assertThat(((ToolException) e).code()).isEqualTo("response_too_large"));
        assertThatThrownBy(() -> PinnedHttp.exchange(uri, InetAddress.getLoopbackAddress(), "GET",
                Map.of("X-Evil", "a\r\nHost: other"), null, Duration.ofSeconds(10), 100_000)).isInstanceOf(ToolException.class)
                .satisfies(e -> assertThat(((ToolException) e).code()).isEqualTo("invalid_header"));
    }
}
