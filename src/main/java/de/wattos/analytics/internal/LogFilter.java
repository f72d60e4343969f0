package de.wattos.analytics.internal;

import de.wattos.platform.ApiException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;

/**
 * Filters of the conversation log. {@code from}/{@code to} bound the conversation's start ({@code to} as a date
 * includes that day); {@code feedback}: {@code up}, {@code down} or {@code none}; {@code text} searches the
 * citizens' questions.
 */
public record LogFilter(Instant from, Instant to, UUID widgetId, UUID agentId, String channel, Feedback feedback,
        Boolean noAnswer, String text) {

    public enum Feedback { UP, DOWN, NONE }

    public static LogFilter parse(String from, String to, UUID widgetId, UUID agentId, String channel,
            String feedback, Boolean noAnswer, String text, ZoneId zone) {
        Instant f = instant("from", from, zone, false);
        Instant t = instant("to", to, zone, true);
        if (f != null && t != null && !f.isBefore(t)) {
            throw ApiException.invalidField("from", "analytics.field.from_before_to");
        }
        Feedback fb = null;
        if (feedback != null && !feedback.isBlank()) {
            try {
                fb = Feedback.valueOf(feedback.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("feedback", "analytics.field.feedback");
            }
        }
        String search = text == null || text.isBlank() ? null : text.strip();
        if (search != null && search.length() > 200) {
            throw ApiException.invalidField("text", "analytics.field.text_length", 200);
        }
        return new LogFilter(f, t, widgetId, agentId, channel == null || channel.isBlank() ? null : channel, fb,
                noAnswer, search);
    }

    private static Instant instant(String name, String value, ZoneId zone, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                if (day.getYear() < 1 || day.getYear() > 9999) {
                    throw new DateTimeException("out of range");
                }
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeException | ArithmeticException e) {
            throw ApiException.invalidField(name, "analytics.field.date");
        }
    }
}
