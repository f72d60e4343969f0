package de.wattos.platform;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * The dates WattOS accepts from clients: years 1–9999 (what the database, ISO 8601 and every client can represent).
 * JSON bodies and {@code @DateTimeFormat} parameters are checked centrally; code that parses dates itself uses
 * {@link #require}.
 */
public final class SupportedDates {

    public static final int MIN_YEAR = 1;
    public static final int MAX_YEAR = 9999;

    private SupportedDates() {
    }

    /** True unless the value is a date/time whose year lies outside 1–9999. */
    public static boolean supported(Object value) {
        if (value instanceof Instant instant) {
            try {
                value = instant.atOffset(ZoneOffset.UTC);
            } catch (DateTimeException beyondAnyCalendar) {
                return false;
            }
        }
        if (value instanceof TemporalAccessor t && t.isSupported(ChronoField.YEAR)) {
            int year = t.get(ChronoField.YEAR);
            return year >= MIN_YEAR && year <= MAX_YEAR;
        }
        return true;
    }

    /** The value, or a 400 naming the field when its year is outside 1–9999. */
    public static <T> T require(String field, T value) {
        if (!supported(value)) {
            throw ApiException.invalidField(field, "field.date.year_range", MIN_YEAR, MAX_YEAR);
        }
        return value;
    }
}
