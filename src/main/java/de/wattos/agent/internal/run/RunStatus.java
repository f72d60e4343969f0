package de.wattos.agent.internal.run;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum RunStatus {
    RUNNING, AWAITING_APPROVAL, COMPLETED, FAILED, HANDED_OVER;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
