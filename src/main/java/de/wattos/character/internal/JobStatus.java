package de.wattos.character.internal;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Progress of a persona generation job. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static JobStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
