package de.wattos.agent.internal.tool.builtin;

import de.wattos.agent.internal.tool.spi.AgentTool;
import de.wattos.agent.internal.tool.spi.ToolContext;
import de.wattos.agent.internal.tool.spi.ToolFactory;
import de.wattos.agent.internal.tool.spi.ToolOutput;
import de.wattos.agent.internal.tool.spi.ToolSettings;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code handoff_to_human}: the model asks for a person. The tool only declares the wish; the run loop ends the run
 * as handed over and announces it, so the queue (not the model) decides who answers.
 */
@Component
public class HandoffToolFactory implements ToolFactory {

    public static final String ID = "handoff_to_human";
    public static final List<String> REASONS = List.of("citizen_request", "repeated_no_answer", "negative_feedback",
            "sensitive_topic", "approval_denied", "out_of_scope");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Übergibt das Gespräch an eine Mitarbeiterin oder einen Mitarbeiter.";
    }

    @Override
    public boolean configurable() {
        return false;
    }

    @Override
    public AgentTool create(ToolSettings settings) {
        return new BuiltinTool(ID, "Hand the conversation to a human member of staff, when the citizen asks for a person or the matter is sensitive.",
                Map.of("type", "object", "properties", Map.of("reason", Map.of("type", "string", "enum", REASONS)),
                        "required", List.of("reason"), "additionalProperties", false), this::invoke);
    }

    private ToolOutput invoke(Map<String, Object> arguments, ToolContext context) {
        return ToolOutput.of("{\"handoff\":\"requested\",\"reason\":\"" + arguments.get("reason") + "\"}");
    }
}
