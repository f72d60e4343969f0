package de.wattos.character.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a character sounds. */
public enum Tone {
    FORMAL, FRIENDLY, PLAIN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Tone of(String value) {
        if (value == null) {
            return null;
        }
        for (Tone t : values()) {
            if (t.wire().equalsIgnoreCase(value.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException("tone must be formal, friendly or plain");
    }

    /** The German description a prompt uses. */
    public String german() {
        return switch (this) {
            case FORMAL -> "sachlich, höflich und förmlich";
            case FRIENDLY -> "freundlich, zugewandt und hilfsbereit";
            case PLAIN -> "klar, kurz und in einfacher Sprache";
        };
    }
}
