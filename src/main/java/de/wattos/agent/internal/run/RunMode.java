package de.wattos.agent.internal.run;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** With a language model (function calling) or without (tools used deterministically, extractive answer). */
public enum RunMode {
    MODEL, EXTRACTIVE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunMode of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
