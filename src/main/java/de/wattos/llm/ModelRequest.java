package de.wattos.llm;

import java.util.List;

/**
 * A request to a language model. {@code model} null = the tenant's default. {@code grounding}, when present,
 * carries the question and the numbered passages the prompt was built from, so the extractive answerer (which
 * does not read prompts) can answer too. {@code purpose} labels usage records (e.g. {@code chat}, {@code condense}).
 */
public record ModelRequest(List<ModelMessage> messages, String model, Double temperature, Integer maxTokens,
        Grounding grounding, String purpose) {

    public ModelRequest {
        messages = List.copyOf(messages);
    }

    public record ModelMessage(Role role, String content) {
        public enum Role { SYSTEM, USER, ASSISTANT }
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
