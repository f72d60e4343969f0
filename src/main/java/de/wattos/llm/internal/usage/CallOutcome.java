package de.wattos.llm.internal.usage;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How one recorded model call ended ({@code llm_calls.outcome}, stored by its {@link #wire() wire} value). Only
 * {@link #ERROR} counts as a failed call in the usage summary.
 */
public enum CallOutcome {
    /** the provider answered (or the extractive answerer, by choice or because no model is configured) */
    OK,
    /** the provider failed; {@code error_code} says how */
    ERROR,
    /** the caller cancelled the call (stop request, client gone) */
    CANCELLED,
    /** refused before any provider was asked: the monthly budget is spent and there is no extractive fallback */
    REFUSED,
    /** answered by the extractive answerer because the monthly budget is spent */
    BUDGET_EXTRACTIVE;

    /** The value in the database. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome of a stored value; unknown values are refused. */
    public static CallOutcome of(String wire) {
        if (wire == null) {
            throw new IllegalArgumentException("A call outcome is required");
        }
        return valueOf(wire.strip().toUpperCase(Locale.ROOT));
    }
}
