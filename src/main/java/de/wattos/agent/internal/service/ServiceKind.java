package de.wattos.agent.internal.service;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the link of a catalogue entry leads to. */
public enum ServiceKind {
    FORM, APPOINTMENT, ONLINE_SERVICE, INFORMATION;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ServiceKind of(String value) {
        if (value == null) {
            return INFORMATION;
        }
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
