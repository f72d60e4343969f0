package de.wattos.character.internal;

import java.time.Instant;
import java.util.List;

/** The named checks of an agent's validation, each with pass/fail and why. */
public record ValidationReport(boolean passed, List<Check> checks, Instant validatedAt) {

    public record Check(String name, boolean passed, String detail) {
    }
}
