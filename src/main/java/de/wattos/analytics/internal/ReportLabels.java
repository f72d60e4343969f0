package de.wattos.analytics.internal;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.MessageSource;

/** Texts and number formatting of a report in the request's language (German by default). */
final class ReportLabels {

    private final MessageSource messages;
    private final Locale locale;

    ReportLabels(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    String text(String key, Object... args) {
        return messages.getMessage("analytics.report." + key, args, key, locale);
    }

    String kpi(String name) {
        return messages.getMessage("analytics.report.kpi." + name, null, name, locale);
    }

    String trend(String trend) {
        return trend == null ? "" : messages.getMessage("analytics.report.trend." + trend, null, trend, locale);
    }

    String number(Number n) {
        if (n == null) {
            return "";
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMaximumFractionDigits(4);
        f.setGroupingUsed(false);
        return f.format(n);
    }

    String date(Instant at, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(at.atZone(zone));
    }
}
