package de.wattos.agent.internal.tool;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How one tool call ended. */
public enum ToolOutcome {
    OK, INVALID_ARGUMENTS, UNKNOWN_TOOL, NOT_ALLOWED, ERROR, TIMEOUT, AWAITING_APPROVAL, DENIED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
