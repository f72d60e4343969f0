package de.wattos.interop.internal.web;

import de.wattos.chat.Chat;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAI {@code messages} array read as WattOS asks it: the last message is the question (a user message), the
 * user and assistant messages before it are the history, and {@code system} (or {@code developer}) messages are the
 * caller's instructions. Content may be a string or OpenAI's array of parts (only text parts count).
 */
record Dialogue(String question, List<Chat.PriorTurn> history, String instructions) {

    static final int MAX_MESSAGES = 100;
    static final int MAX_INSTRUCTIONS = 4000;

    /** Why a messages array cannot be used; {@code code} is the OpenAI error code answered. */
    static final class Refused extends Exception {
        private final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    static Dialogue of(JsonNode messages) throws Refused {
        if (!messages.isArray() || messages.isEmpty()) {
            throw new Refused("invalid_messages", "messages must be a non-empty array.");
        }
        if (messages.size() > MAX_MESSAGES) {
            throw new Refused("context_length_exceeded", "At most " + MAX_MESSAGES + " messages are accepted.");
        }
        List<Chat.PriorTurn> history = new ArrayList<>();
        StringBuilder instructions = new StringBuilder();
        String question = null;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asString(null);
            String text = text(message.path("content"));
            boolean last = i == messages.size() - 1;
            if (text != null && text.length() > OpenAiCompatibleEndpoint.MAX_CONTENT) {
                throw new Refused("context_length_exceeded", "A message is longer than "
                        + OpenAiCompatibleEndpoint.MAX_CONTENT + " characters.");
            }
            if (role == null) {
                throw new Refused("invalid_messages", "Every message needs a role.");
            }
            switch (role) {
                case "system", "developer" -> {
                    if (text != null) {
                        instructions.append(instructions.isEmpty() ? "" : "\n").append(text);
                    }
                }
                case "user" -> {
                    if (last) {
                        question = text;
                    } else if (text != null) {
                        history.add(new Chat.PriorTurn(true, text));
                    }
                }
                case "assistant" -> {
                    if (text != null && !last) {
                        history.add(new Chat.PriorTurn(false, text));
                    }
                }
                case "tool", "function" -> {
                    // results of the caller's own tools: nothing this assistant can ground an answer on
                }
                default -> throw new Refused("invalid_messages", "Unknown message role: " + role);
            }
        }
        if (question == null) {
            throw new Refused("invalid_messages", "messages must end with a user message that has text content.");
        }
        if (instructions.length() > MAX_INSTRUCTIONS) {
            throw new Refused("context_length_exceeded", "System messages are longer than " + MAX_INSTRUCTIONS
                    + " characters together.");
        }
        return new Dialogue(question, List.copyOf(history), instructions.isEmpty() ? null : instructions.toString());
    }

    private static String text(JsonNode content) {
        if (content.isString()) {
            return content.asString().isBlank() ? null : content.asString().strip();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asString(null))) {
                    text.append(part.path("text").asString("")).append(' ');
                }
            }
            return text.toString().isBlank() ? null : text.toString().strip();
        }
        return null;
    }
}
