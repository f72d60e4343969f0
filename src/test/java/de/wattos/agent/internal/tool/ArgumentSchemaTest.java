package de.wattos.agent.internal.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentSchemaTest {

    private final Map<String, Object> schema = Map.of("type", "object",
            "properties", Map.of("query", Map.of("type", "string", "maxLength", 5), "n", Map.of("type", "integer", "minimum", 1),
                    "kind", Map.of("type", "string", "enum", List.of("a", "b"))),
            "required", List.of("query"), "additionalProperties", false);

    @Test
    void acceptsWhatTheSchemaDescribes() {
        assertThat(ArgumentSchema.errors(schema, Map.of("query", "Hund", "n", 3, "kind", "a"))).isEmpty();
        assertThat(ArgumentSchema.errors(schema, Map.of("query", "Hund", "n", 3.0))).isEmpty();
    }

    @Test
    void namesEveryProblem() {
        assertThat(ArgumentSchema.errors(schema, Map.of("n", 0, "kind", "c", "extra", true))).containsExactlyInAnyOrder(
                "arguments.query is required", "arguments.n must be at least 1", "arguments.kind must be one of [a, b]",
                "arguments.extra is not a known parameter");
        assertThat(ArgumentSchema.errors(schema, Map.of("query", "zu lang"))).containsExactly("arguments.query must have at most 5 characters");
        assertThat(ArgumentSchema.errors(schema, List.of())).containsExactly("arguments must be an object");
        assertThat(ArgumentSchema.errors(schema, Map.of("query", 5))).containsExactly("arguments.query must be a string");
    }

    @Test
    void checksSchemasOfTenantTools() {
        assertThat(ArgumentSchema.schemaProblems(schema)).isEmpty();
        assertThat(ArgumentSchema.schemaProblems(Map.of("type", "string"))).isNotEmpty();
        assertThat(ArgumentSchema.schemaProblems(Map.of("type", "object", "properties", Map.of("x", Map.of())))).isNotEmpty();
    }
}
