package de.wattos.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub.Received;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAI-compatible adapter against the loopback stub that speaks the /embeddings wire protocol. */
class OpenAiEmbeddingModelTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    OpenAiStub server;

    @BeforeEach
    void start() {
        // a vector that only says how long the text was, so the test can tell which text each one belongs to;
        // answered in reverse order: the client must sort by index
        server = new OpenAiStub().embedWith(text -> new float[] {text.length(), 0f, 0f}).embeddingsOutOfOrder(true);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    OpenAiEmbeddingModel model(String name) {
        return new OpenAiEmbeddingModel(server.baseUrl() + "/", name, "sk-test", 2, Duration.ofSeconds(5), JSON);
    }

    @Test
    void batchesKeepsOrderNormalisesAndRetriesRateLimits() {
        server.enqueueEmbeddingFailures(OpenAiStub.rateLimited("0"));
        List<float[]> vectors = model("text-embedding-3-small").embed(List.of("a", "bb", "ccc", "dddd", "eeeee"));
        List<Received> requests = server.embeddingRequests();
        assertThat(requests).hasSize(3);
        assertThat(requests.getFirst().json().get("input").size()).isEqualTo(2);
        assertThat(server.received).as("the rate-limited request was made and retried").hasSize(4);
        assertThat(server.received).allMatch(r -> "Bearer sk-test".equals(r.header("Authorization")));
        assertThat(vectors).hasSize(5);
        for (float[] v : vectors) {
            assertThat(v).containsExactly(1f, 0f, 0f);
        }
        assertThat(model("text-embedding-3-small").dimension()).isEqualTo(3);
        assertThat(model("text-embedding-3-small").id()).isEqualTo("openai:text-embedding-3-small");
    }

    @Test
    void providerErrorsSurfaceAsExceptions() {
        server.enqueueEmbeddingFailures(OpenAiStub.badRequest("The model `broken` does not exist"));
        assertThatThrownBy(() -> model("broken").embed(List.of("x"))).hasMessageContaining("400");
    }
}
