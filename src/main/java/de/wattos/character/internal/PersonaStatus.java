package de.wattos.character.internal;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A generated persona is proposed until a person approves it. */
public enum PersonaStatus {
    PROPOSED, APPROVED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
