package de.wattos.llm;

import java.util.List;
import java.util.Map;

/**
 * A request to a language model. {@code model} null = the tenant's default. {@code grounding}, when present,
 * carries the question and the numbered passages the prompt was built from, so the extractive answerer (which
 * does not read prompts) can answer too. {@code purpose} labels usage records (e.g. {@code chat}, {@code condense}).
 * {@code responseSchema}, when present, asks for structured output: the answer's text is one JSON object that the
 * provider was told to shape by this JSON schema (OpenAI {@code response_format}, Anthropic a forced tool, Ollama
 * {@code format}). The extractive answerer cannot do that: such a request without any configured model fails with
 * {@code not_configured}. Callers still validate the JSON: not every server enforces the schema.
 */
public record ModelRequest(List<ModelMessage> messages, String model, Double temperature, Integer maxTokens,
        Grounding grounding, String purpose, JsonSchema responseSchema, List<ToolSpec> tools) {

    public ModelRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public ModelRequest(List<ModelMessage> messages, String model, Double temperature, Integer maxTokens,
            Grounding grounding, String purpose, JsonSchema responseSchema) {
        this(messages, model, temperature, maxTokens, grounding, purpose, responseSchema, List.of());
    }

    public ModelRequest(List<ModelMessage> messages, String model, Double temperature, Integer maxTokens,
            Grounding grounding, String purpose) {
        this(messages, model, temperature, maxTokens, grounding, purpose, null, List.of());
    }

    /** A named JSON schema (name: letters, digits, {@code _} and {@code -}). */
    public record JsonSchema(String name, Map<String, Object> schema) {
        public JsonSchema {
            schema = Map.copyOf(schema);
        }
    }

    /**
     * A function the model may call (function calling). {@code parameters} is a JSON schema of type object. Providers
     * that support it (OpenAI-compatible, Azure, Anthropic, Ollama) get it in their wire form; the extractive
     * answerer ignores tools.
     */
    public record ToolSpec(String name, String description, Map<String, Object> parameters) {
        public ToolSpec {
            parameters = Map.copyOf(parameters);
        }
    }

    /**
     * One turn. An assistant turn may carry the {@code toolCalls} the model made; a {@link Role#TOOL} turn carries
     * the result of the call named by {@code toolCallId} (and {@code toolName}, which some providers want).
     */
    public record ModelMessage(Role role, String content, List<ToolCall> toolCalls, String toolCallId, String toolName) {
        public enum Role { SYSTEM, USER, ASSISTANT, TOOL }

        public ModelMessage {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }

        public ModelMessage(Role role, String content) {
            this(role, content, List.of(), null, null);
        }

        public static ModelMessage toolCalls(String content, List<ToolCall> calls) {
            return new ModelMessage(Role.ASSISTANT, content, calls, null, null);
        }

        public static ModelMessage toolResult(ToolCall call, String content) {
            return new ModelMessage(Role.TOOL, content, List.of(), call.id(), call.name());
        }

        public ModelMessage withContent(String newContent) {
            return new ModelMessage(role, newContent, toolCalls, toolCallId, toolName);
        }
    }

    /**
     * The question and its numbered sources (n starts at 1). {@code language} (e.g. {@code de}, {@code en}; null =
     * unknown) is the conversation's: passages in another language are not quoted.
     */
    public record Grounding(String question, List<Passage> passages, String language) {
        public Grounding {
            passages = List.copyOf(passages);
        }

        public Grounding(String question, List<Passage> passages) {
            this(question, passages, null);
        }
    }

    public record Passage(int n, String title, String headingPath, String text) {
    }
}
