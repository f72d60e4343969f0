package de.wattos.character.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How simply a persona needs to be addressed. */
public enum LanguageLevel {
    STANDARD("standard"), EINFACH("einfach"), LEICHTE_SPRACHE("leichte-sprache");

    private final String wire;

    LanguageLevel(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static LanguageLevel of(String value) {
        for (LanguageLevel l : values()) {
            if (l.wire.equalsIgnoreCase(value == null ? "" : value.strip())) {
                return l;
            }
        }
        throw new IllegalArgumentException("languageLevel must be standard, einfach or leichte-sprache");
    }

    /** What a prompt says about it. */
    public String instruction() {
        return switch (this) {
            case STANDARD -> "Schreibe in klarem Standarddeutsch.";
            case EINFACH -> "Schreibe in einfacher Sprache: kurze Sätze, bekannte Wörter, Fachbegriffe erklärt.";
            case LEICHTE_SPRACHE -> "Schreibe in Leichter Sprache: sehr kurze Sätze, ein Gedanke pro Satz, keine Fremdwörter.";
        };
    }
}
