package de.wattos.interop;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * WattOS as an OpenAI-compatible model, driven by LangChain4j's OpenAI client over real HTTP: a tenant's API key
 * lists the tenant's model, gets a grounded answer with its sources, with and without streaming; another tenant's
 * model answers 404 and a missing or wrong key 401.
 */
@IntegrationTest
class OpenAiCompatibleEndpointTest {

    @LocalServerPort int port;
    TestApi api;
    TestApi.Tenant tenant;
    String key;

    @BeforeEach
    void setUp() throws InterruptedException {
        InteropFixture fixture = new InteropFixture(port);
        api = fixture.api;
        tenant = fixture.tenant;
        key = fixture.key;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    @Test
    void anOpenAiClientGetsAGroundedAnswerWithSources() {
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(baseUrl()).apiKey(key)
                .modelName("wattos-" + tenant.slug()).timeout(Duration.ofSeconds(60)).build();
        ChatResponse response = model.chat(UserMessage.from("Wie hoch ist die Gebühr für einen Personalausweis?"));
        String text = response.aiMessage().text();
        assertThat(text).contains("37 Euro").contains("Quellen:").contains("[1]");

        TestApi.Response models = api.get("/v1/models", key);
        assertThat(models.status()).isEqualTo(200);
        assertThat(models.json().get("data").get(0).get("id").asString()).isEqualTo("wattos-" + tenant.slug());
    }

    @Test
    void anOpenAiClientStreamsTheAnswer() throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(baseUrl()).apiKey(key)
                .modelName("wattos-" + tenant.slug()).timeout(Duration.ofSeconds(60)).build();
        List<String> partials = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat("Wie hoch ist die Gebühr für einen Personalausweis?", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                partials.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = done.get(90, TimeUnit.SECONDS);
        assertThat(partials.size()).as("streamed in parts").isGreaterThan(1);
        assertThat(String.join("", partials)).isEqualTo(response.aiMessage().text());
        assertThat(response.aiMessage().text()).contains("37 Euro").contains("Quellen:");
    }

    @Test
    void theWholeDialogueCountsNotOnlyTheLastMessage() {
        String model = "wattos-" + tenant.slug();
        TestApi.Response alone = api.post("/v1/chat/completions", key, Map.of("model", model,
                "messages", List.of(Map.of("role", "user", "content", "Und was kostet er?"))));
        assertThat(alone.status()).as(alone.toString()).isEqualTo(200);
        assertThat(content(alone)).as("a follow-up on its own has no topic").doesNotContain("37 Euro");

        TestApi.Response followUp = api.post("/v1/chat/completions", key, Map.of("model", model, "messages", List.of(
                Map.of("role", "system", "content", "Antworte knapp."),
                Map.of("role", "user", "content", "Wo beantrage ich einen Personalausweis?"),
                Map.of("role", "assistant", "content", "Im Bürgerbüro von Quellenhausen [1]."),
                Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "Und was kostet er?"))))));
        assertThat(followUp.status()).as(followUp.toString()).isEqualTo(200);
        assertThat(content(followUp)).as("understood with the earlier turns").contains("37 Euro").contains("Quellen:");

        TestApi.Response unknownRole = api.post("/v1/chat/completions", key, Map.of("model", model, "messages", List.of(
                Map.of("role", "wizard", "content", "x"), Map.of("role", "user", "content", "Hallo"))));
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.json().get("error").get("code").asString()).isEqualTo("invalid_messages");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(Map.of("role", "user", "content", "Frage " + i));
        }
        TestApi.Response overLong = api.post("/v1/chat/completions", key, Map.of("model", model, "messages", tooMany));
        assertThat(overLong.status()).isEqualTo(400);
        assertThat(overLong.json().get("error").get("code").asString()).isEqualTo("context_length_exceeded");
    }

    private static String content(TestApi.Response completion) {
        return completion.json().get("choices").get(0).get("message").get("content").asString();
    }

    @Test
    void otherTenantsModelsAndMissingKeysAreRefused() {
        TestApi.Tenant other = api.createTenant();
        String otherKey = api.apiKey(other.slug(), Role.VIEWER);
        OpenAiChatModel foreign = OpenAiChatModel.builder().baseUrl(baseUrl()).apiKey(otherKey)
                .modelName("wattos-" + tenant.slug()).maxRetries(0).build();
        assertRefused(() -> foreign.chat("Wie hoch ist die Gebühr für einen Personalausweis?"), ModelNotFoundException.class);
        TestApi.Response anonymous = api.post("/v1/chat/completions", null, Map.of("model", "wattos-" + tenant.slug(),
                "messages", List.of(Map.of("role", "user", "content", "Hallo"))));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("error").get("code").asString()).isEqualTo("invalid_api_key");
        assertThat(api.get("/v1/models", "wattos_not-a-real-key").status()).isEqualTo(401);
        TestApi.Response noUser = api.post("/v1/chat/completions", key, Map.of("model", "wattos-" + tenant.slug(),
                "messages", List.of(Map.of("role", "system", "content", "Du bist ein Pirat."))));
        assertThat(noUser.status()).isEqualTo(400);
        TestApi.Response garbage = api.raw("POST", "/v1/chat/completions", key, "application/json",
                "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.status()).isEqualTo(400);
    }

    private static void assertRefused(ThrowableAssert.ThrowingCallable call, Class<? extends Throwable> type) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call).isInstanceOf(type);
    }
}
