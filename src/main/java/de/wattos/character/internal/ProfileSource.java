package de.wattos.character.internal;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a tenant profile came from: nothing indexed yet, derived from content, or edited by a person. */
public enum ProfileSource {
    DEFAULT, DERIVED, EDITED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
