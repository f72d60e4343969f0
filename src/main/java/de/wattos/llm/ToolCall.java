package de.wattos.llm;

/**
 * A function call the model asked for. {@code arguments} is the model's raw JSON text: the caller parses and
 * checks it (models do produce invalid JSON). {@code id} pairs the call with its result; providers without ids
 * (Ollama) get generated ones.
 */
public record ToolCall(String id, String name, String arguments) {
}
