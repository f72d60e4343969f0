package de.wattos.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAI-compatible adapter against a loopback stub that speaks the /embeddings wire protocol. */
class OpenAiEmbeddingModelTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    HttpServer server;
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final List<String> auth = new CopyOnWriteArrayList<>();
    final AtomicInteger throttle = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            auth.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] out;
            int status = 200;
            if (throttle.getAndDecrement() > 0) {
                status = 429;
                exchange.getResponseHeaders().add("Retry-After", "0");
                out = "{\"error\":{\"message\":\"Rate limit\",\"type\":\"rate_limit_exceeded\"}}".getBytes(StandardCharsets.UTF_8);
            } else if (body.path("model").asString().equals("broken")) {
                status = 400;
                out = "{\"error\":{\"message\":\"unknown model\"}}".getBytes(StandardCharsets.UTF_8);
            } else {
                requests.add(body);
                // answer in reverse order: the client must sort by index
                List<String> items = new ArrayList<>();
                JsonNode input = body.get("input");
                for (int i = input.size() - 1; i >= 0; i--) {
                    int len = input.get(i).asString().length();
                    items.add("{\"object\":\"embedding\",\"index\":" + i + ",\"embedding\":[" + len + ".0,0.0,0.0]}");
                }
                out = ("{\"object\":\"list\",\"model\":\"" + body.get("model").asString() + "\",\"data\":[" + String.join(",", items)
                        + "],\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    OpenAiEmbeddingModel model(String name) {
        return new OpenAiEmbeddingModel("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/", name, "sk-test",
                2, Duration.ofSeconds(5), JSON);
    }

    @Test
    void batchesKeepsOrderNormalisesAndRetriesRateLimits() {
        throttle.set(1);
        List<float[]> vectors = model("text-embedding-3-small").embed(List.of("a", "bb", "ccc", "dddd", "eeeee"));
        assertThat(requests).hasSize(3);
        assertThat(requests.getFirst().get("input").size()).isEqualTo(2);
        assertThat(auth).allMatch("Bearer sk-test"::equals);
        assertThat(vectors).hasSize(5);
        for (float[] v : vectors) {
            assertThat(v).containsExactly(1f, 0f, 0f);
        }
        assertThat(model("text-embedding-3-small").dimension()).isEqualTo(3);
        assertThat(model("text-embedding-3-small").id()).isEqualTo("openai:text-embedding-3-small");
    }

    @Test
    void providerErrorsSurfaceAsExceptions() {
        assertThatThrownBy(() -> model("broken").embed(List.of("x"))).hasMessageContaining("400");
    }
}
