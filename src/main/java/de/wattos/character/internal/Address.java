package de.wattos.character.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether the character says "Sie" or "du" to citizens. */
public enum Address {
    SIE("Sie"), DU("du");

    private final String wire;

    Address(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Address of(String value) {
        if (value == null) {
            return null;
        }
        for (Address a : values()) {
            if (a.wire.equalsIgnoreCase(value.strip())) {
                return a;
            }
        }
        throw new IllegalArgumentException("address must be Sie or du");
    }
}
