package de.wattos.llm.internal.web;

import de.wattos.llm.internal.usage.Usage;
import de.wattos.platform.ApiException;
import de.wattos.platform.SupportedDates;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Model usage of the tenant in a period: {@code from}/{@code to} as dates ({@code 2026-11-01}, whole days in the
 * tenant's time zone, {@code to} inclusive) or instants ({@code 2026-11-01T00:00:00Z}, {@code to} exclusive).
 * Default: the current month up to now.
 */
@RestController
class UsageController {

    record UsageView(Instant from, Instant to, Usage.Summary summary) {
    }

    private final Usage usage;

    UsageController(Usage usage) {
        this.usage = usage;
    }

    @GetMapping("/api/v1/tenants/{tenant}/llm/usage")
    UsageView get(@PathVariable String tenant, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        ZoneId zone = TenantContext.find().map(TenantRef::timeZone).map(z -> (ZoneId) z).orElse(ZoneOffset.UTC);
        Instant end = to == null ? Instant.now() : parse("to", to, zone, true);
        Instant start = from == null ? LocalDate.now(zone).withDayOfMonth(1).atStartOfDay(zone).toInstant()
                : parse("from", from, zone, false);
        if (!start.isBefore(end)) {
            throw ApiException.invalidField("from", "must be before 'to'");
        }
        if (Duration.between(start, end).toDays() > 366 * 3) {
            throw ApiException.invalidField("from", "the period may span at most three years");
        }
        return new UsageView(start, end, usage.summary(start, end));
    }

    private static Instant parse(String name, String value, ZoneId zone, boolean end) {
        try {
            if (value.length() == 10) {
                LocalDate day = SupportedDates.require(name, LocalDate.parse(value));
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return SupportedDates.require(name, OffsetDateTime.parse(value)).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(name, "must be a date (2026-11-01) or an instant (2026-11-01T00:00:00Z)");
        }
    }
}
