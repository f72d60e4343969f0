package de.wattos.analytics.internal;

import de.wattos.platform.ApiException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A tenant's scheduled e-mail report of one type, and when and how it last went out. */
public record ReportSchedule(UUID id, Type type, ReportFormat format, String locale, List<String> recipients,
        boolean enabled, Instant nextRunAt, Instant lastRunAt, Status lastStatus, String lastError) {

    /** Reports go out at this local time, the morning after the period they cover. */
    static final LocalTime SEND_AT = LocalTime.of(6, 0);

    public enum Type {
        /** Yesterday, every morning. */
        DAILY,
        /** Last week (Monday to Sunday), on Monday mornings. */
        WEEKLY,
        /** Last month, on the first of the month. */
        MONTHLY;

        public static Type parse(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw ApiException.invalidField("type", "daily, weekly or monthly");
            }
        }

        /** The first sending time strictly after {@code after}, in the zone. */
        Instant nextRun(Instant after, ZoneId zone) {
            LocalDate day = LocalDate.ofInstant(after, zone);
            for (int i = 0; i < 64; i++, day = day.plusDays(1)) {
                LocalDate candidate = switch (this) {
                    case DAILY -> day;
                    case WEEKLY -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
                    case MONTHLY -> day.getDayOfMonth() == 1 ? day : day.with(TemporalAdjusters.firstDayOfNextMonth());
                };
                Instant at = candidate.atTime(SEND_AT).atZone(zone).toInstant();
                if (at.isAfter(after)) {
                    return at;
                }
            }
            throw new IllegalStateException("no next run found for " + this);
        }

        /** The whole days (first and last, both included) a report sent on {@code sendDay} covers. */
        LocalDate[] period(LocalDate sendDay) {
            return switch (this) {
                case DAILY -> new LocalDate[] {sendDay.minusDays(1), sendDay.minusDays(1)};
                case WEEKLY -> {
                    LocalDate monday = sendDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
                    yield new LocalDate[] {monday, monday.plusDays(6)};
                }
                case MONTHLY -> {
                    LocalDate first = sendDay.withDayOfMonth(1).minusMonths(1);
                    yield new LocalDate[] {first, first.with(TemporalAdjusters.lastDayOfMonth())};
                }
            };
        }
    }

    /** How the last sending went. */
    public enum Status {
        SENT, FAILED
    }
}
