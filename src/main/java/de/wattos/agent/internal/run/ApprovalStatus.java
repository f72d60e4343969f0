package de.wattos.agent.internal.run;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum ApprovalStatus {
    PENDING, APPROVED, DENIED, EXPIRED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApprovalStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
