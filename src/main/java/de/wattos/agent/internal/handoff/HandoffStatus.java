package de.wattos.agent.internal.handoff;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a handoff stands: waiting in the queue, a person has it, or the conversation went back to the agent. */
public enum HandoffStatus {
    WAITING, ACTIVE, ENDED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HandoffStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
