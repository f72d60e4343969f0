package de.wattos.analytics.internal;

import de.wattos.platform.ApiException;
import de.wattos.platform.SupportedDates;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A query period {@code [from, to)} in a tenant's time zone with its granularity. {@code from}/{@code to} are
 * dates (the {@code to} day included) or instants; without them the last 7 days up to now.
 */
record Period(Instant from, Instant to, ZoneId zone, Granularity granularity) {

    enum Granularity {
        HOUR, DAY, WEEK;

        static Granularity parse(String value) {
            if (value == null || value.isBlank()) {
                return DAY;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("granularity", "hour, day or week");
            }
        }
    }

    static Period parse(String from, String to, String granularity, ZoneId zone, AnalyticsProperties properties) {
        Granularity g = Granularity.parse(granularity);
        Instant end = to == null || to.isBlank() ? Instant.now() : instant("to", to, zone, true);
        Instant start = from == null || from.isBlank()
                ? LocalDate.ofInstant(end, zone).minusDays(6).atStartOfDay(zone).toInstant()
                : instant("from", from, zone, false);
        if (!start.isBefore(end)) {
            throw ApiException.invalidField("from", "must be before 'to'");
        }
        Duration length = Duration.between(start, end);
        if (length.compareTo(properties.maxRange()) > 0) {
            throw ApiException.invalidField("from", "the period may span at most " + properties.maxRange().toDays() + " days");
        }
        if (g == Granularity.HOUR && length.compareTo(properties.maxHourlyRange()) > 0) {
            throw ApiException.invalidField("granularity", "hourly series may span at most "
                    + properties.maxHourlyRange().toDays() + " days; use day or week");
        }
        return new Period(start, end, zone, g);
    }

    private static Instant instant(String name, String value, ZoneId zone, boolean end) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return SupportedDates.require(name, OffsetDateTime.parse(value)).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(name, "must be a date (2026-11-01) or an instant (2026-11-01T00:00:00Z)");
        }
    }

    Duration length() {
        return Duration.between(from, to);
    }

    /** The period of the same length right before this one. */
    Period previous() {
        return new Period(from.minus(length()), from, zone, granularity);
    }

    /** Start of the series bucket that contains the instant. */
    Instant bucketOf(Instant at) {
        ZonedDateTime z = at.atZone(zone);
        return switch (granularity) {
            case HOUR -> z.truncatedTo(ChronoUnit.HOURS).toInstant();
            case DAY -> z.toLocalDate().atStartOfDay(zone).toInstant();
            case WEEK -> z.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone)
                    .toInstant();
        };
    }

    Instant nextBucket(Instant bucket) {
        ZonedDateTime z = bucket.atZone(zone);
        return switch (granularity) {
            case HOUR -> z.plusHours(1).toInstant();
            case DAY -> z.plusDays(1).toInstant();
            case WEEK -> z.plusWeeks(1).toInstant();
        };
    }
}
