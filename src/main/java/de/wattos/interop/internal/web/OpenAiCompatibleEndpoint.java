package de.wattos.interop.internal.web;

import de.wattos.chat.AnswerStream;
import de.wattos.chat.Chat;
import de.wattos.platform.Actor;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.tenancy.Tenants;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WattOS as an OpenAI-compatible model, so F13 (or any OpenAI client) can list and use a tenant's assistant:
 * {@code GET /v1/models} and {@code POST /v1/chat/completions} with and without {@code stream}, authenticated with
 * the tenant's API key ({@code Authorization: Bearer wattos_…}). The model is {@code wattos-<tenant slug>}; the
 * answer is grounded in the tenant's knowledge and ends with its numbered sources (also as {@code citations}).
 * The whole dialogue counts: system messages become instructions after the assistant's own prompt, earlier user and
 * assistant turns the history a follow-up question is understood with ({@link Dialogue}). Errors use OpenAI's {@code {"error": {message, type, code}}} shape, since OpenAI clients read that one. The body
 * is read as a tree: OpenAI clients send many optional fields this endpoint has no use for.
 */
@RestController
class OpenAiCompatibleEndpoint {

    static final int MAX_CONTENT = 8000;

    private final Chat chat;
    private final Tenants tenants;
    private final JsonMapper json;

    OpenAiCompatibleEndpoint(Chat chat, Tenants tenants, JsonMapper json) {
        this.chat = chat;
        this.tenants = tenants;
        this.json = json;
    }

    @GetMapping(path = "/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> models() {
        TenantRef tenant = caller();
        if (tenant == null) {
            return error(HttpStatus.UNAUTHORIZED, "invalid_api_key", "A WattOS API key of a tenant is required.");
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", modelId(tenant));
        model.put("object", "model");
        model.put("created", 0);
        model.put("owned_by", "wattos");
        return ResponseEntity.ok(Map.of("object", "list", "data", List.of(model)));
    }

    @PostMapping(path = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> completions(@RequestBody String body, HttpServletResponse servletResponse) throws IOException {
        TenantRef tenant = caller();
        if (tenant == null) {
            return error(HttpStatus.UNAUTHORIZED, "invalid_api_key", "A WattOS API key of a tenant is required.");
        }
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (RuntimeException e) {
            return error(HttpStatus.BAD_REQUEST, "invalid_json", "The body is not JSON.");
        }
        String model = request.path("model").asString(null);
        if (model == null || !model.equals(modelId(tenant))) {
            return error(HttpStatus.NOT_FOUND, "model_not_found", "The model does not exist: " + model);
        }
        Dialogue dialogue;
        try {
            dialogue = Dialogue.of(request.path("messages"));
        } catch (Dialogue.Refused e) {
            return error(HttpStatus.BAD_REQUEST, e.code(), e.getMessage());
        }
        String question = dialogue.question();
        Chat.AskOptions options = new Chat.AskOptions("openai", null, dialogue.history(), dialogue.instructions());
        boolean stream = request.path("stream").asBoolean(false);
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = Instant.now().getEpochSecond();
        UUID conversation = TenantContext.callAs(tenant, () -> chat.startConversation(List.of(), title(question), "openai", tenant.locale()));
        if (!stream) {
            Chat.AnswerSummary answer = TenantContext.callAs(tenant, () -> chat.ask(conversation, question, options));
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", "assistant");
            message.put("content", answer.content() + sources(answer.citations()));
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("id", id);
            response.put("object", "chat.completion");
            response.put("created", created);
            response.put("model", model);
            response.put("choices", List.of(Map.of("index", 0, "message", message, "finish_reason", "stop")));
            response.put("usage", Map.of("prompt_tokens", answer.inputTokens(), "completion_tokens", answer.outputTokens(),
                    "total_tokens", answer.inputTokens() + answer.outputTokens()));
            response.put("citations", answer.citations());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response);
        }
        // written on this (virtual) request thread as the chat produces it; null tells Spring it is handled
        servletResponse.setStatus(200);
        servletResponse.setContentType("text/event-stream");
        servletResponse.setCharacterEncoding("UTF-8");
        servletResponse.setHeader("Cache-Control", "no-cache");
        OutputStream output = servletResponse.getOutputStream();
        TenantContext.runAs(tenant, () -> streamAnswer(output, conversation, question, options, id, created, model));
        return null;
    }

    /** Relays the chat's answer events as OpenAI chunks: role first, text deltas, the sources, then stop and [DONE]. */
    private void streamAnswer(OutputStream output, UUID conversation, String question, Chat.AskOptions options, String id,
            long created, String model) {
        CountDownLatch ended = new CountDownLatch(1);
        List<Runnable> onGone = new ArrayList<>();
        Object lock = new Object();
        boolean[] gone = {false};
        AnswerStream sink = new AnswerStream() {
            @Override
            public boolean send(String event, Object payload) {
                synchronized (lock) {
                    if (gone[0]) {
                        return false;
                    }
                    try {
                        switch (event) {
                            case "start" -> write(output, chunk(id, created, model, Map.of("role", "assistant", "content", ""), null));
                            case "delta" -> {
                                String text = json.valueToTree(payload).path("text").asString("");
                                if (!text.isEmpty()) {
                                    write(output, chunk(id, created, model, Map.of("content", text), null));
                                }
                            }
                            case "citations" -> {
                                JsonNode cited = json.valueToTree(payload).path("citations");
                                String sources = sources(cited);
                                if (!sources.isEmpty()) {
                                    write(output, chunk(id, created, model, Map.of("content", sources), null));
                                }
                            }
                            case "end" -> write(output, chunk(id, created, model, Map.of(), "stop"));
                            case "error" -> write(output, json.writeValueAsString(Map.of("error", Map.of("message",
                                    String.valueOf(json.valueToTree(payload).path("message").asString("answer failed")),
                                    "type", "server_error", "code", "answer_failed"))));
                            default -> {
                                // events without an OpenAI counterpart are not relayed
                            }
                        }
                        return true;
                    } catch (IOException e) {
                        gone[0] = true;
                        onGone.forEach(Runnable::run);
                        return false;
                    }
                }
            }

            @Override
            public boolean ping() {
                synchronized (lock) {
                    if (gone[0]) {
                        return false;
                    }
                    try {
                        output.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
                        output.flush();
                        return true;
                    } catch (IOException e) {
                        gone[0] = true;
                        return false;
                    }
                }
            }

            @Override
            public void close() {
                ended.countDown();
            }

            @Override
            public void onGone(Runnable action) {
                onGone.add(action);
            }
        };
        try {
            chat.askStreaming(conversation, question, options, sink);
            ended.await(10, TimeUnit.MINUTES);
            synchronized (lock) {
                if (!gone[0]) {
                    output.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                    output.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            onGone.forEach(Runnable::run);
        }
    }

    private void write(OutputStream output, String data) throws IOException {
        output.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    private String chunk(String id, long created, String model, Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        Map<String, Object> chunk = new LinkedHashMap<>();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        chunk.put("choices", List.of(choice));
        return json.writeValueAsString(chunk);
    }

    private String sources(List<Chat.Citation> citations) {
        return sources(json.valueToTree(citations));
    }

    /** The numbered sources as text after the answer, so a plain OpenAI client shows them too. */
    private static String sources(JsonNode citations) {
        if (citations == null || !citations.isArray() || citations.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n\nQuellen:");
        for (JsonNode c : citations) {
            text.append("\n[").append(c.path("n").asInt()).append("] ").append(c.path("title").asString(""));
            String url = c.path("url").asString(null);
            if (url != null && !url.isBlank()) {
                text.append(" – ").append(url);
            }
        }
        return text.toString();
    }

    private static String title(String question) {
        return question.length() <= 80 ? question : question.substring(0, 80) + " …";
    }

    static String modelId(TenantRef tenant) {
        return "wattos-" + tenant.slug();
    }

    /** The tenant of the calling API key or user; null for anonymous callers and platform admins without one. */
    private TenantRef caller() {
        Actor actor = CurrentActor.find().orElse(null);
        if (actor == null || actor.tenantId() == null) {
            return null;
        }
        return tenants.ref(actor.tenantId()).orElse(null);
    }

    private static ResponseEntity<Object> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error",
                Map.of("message", message, "type", status.is4xxClientError() ? "invalid_request_error" : "server_error",
                        "code", code)));
    }
}
