package de.wattos.analytics.internal.web;

import de.wattos.analytics.internal.ReportSchedule;
import de.wattos.analytics.internal.ReportSchedules;
import de.wattos.analytics.internal.ScheduledReports;
import de.wattos.platform.ApiException;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRole;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's scheduled e-mail reports: one schedule per type (daily, weekly, monthly) with recipients, format and
 * language. Recipients are personal data: reading takes EDITOR, changing TENANT_ADMIN. Without an SMTP server
 * configured every schedule says {@code MAIL_NOT_CONFIGURED} and sending now answers 409.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/analytics/report-schedules")
class ReportScheduleController {

    private final ReportSchedules schedules;
    private final ScheduledReports sender;

    ReportScheduleController(ReportSchedules schedules, ScheduledReports sender) {
        this.schedules = schedules;
        this.sender = sender;
    }

    /** Where a schedule stands, as the console shows it. */
    enum State {
        MAIL_NOT_CONFIGURED, DISABLED, SCHEDULED, SENT, FAILED
    }

    record ScheduleView(ReportSchedule schedule, State state) {
    }

    record Listing(boolean mailConfigured, List<ScheduleView> items) {
    }

    private ScheduleView view(ReportSchedule s) {
        State state = !sender.mailConfigured() ? State.MAIL_NOT_CONFIGURED : !s.enabled() ? State.DISABLED
                : s.lastStatus() == null ? State.SCHEDULED : State.valueOf(s.lastStatus().name());
        return new ScheduleView(s, state);
    }

    @GetMapping
    @TenantRole(Role.EDITOR)
    Listing list() {
        return new Listing(sender.mailConfigured(), schedules.list().stream().map(this::view).toList());
    }

    @PutMapping("/{type}")
    @TenantRole(Role.TENANT_ADMIN)
    ScheduleView save(@PathVariable String type, @RequestBody ReportSchedules.Request request) {
        return view(schedules.save(ReportSchedule.Type.parse(type), request));
    }

    @DeleteMapping("/{type}")
    @TenantRole(Role.TENANT_ADMIN)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String type) {
        if (!schedules.delete(ReportSchedule.Type.parse(type))) {
            throw ApiException.notFound("Report schedule");
        }
    }

    /** Sends the report of the last complete period now (the next scheduled sending stays as it is). */
    @PostMapping("/{type}/send")
    @TenantRole(Role.TENANT_ADMIN)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void sendNow(@PathVariable String type) {
        ReportSchedule s = schedules.find(ReportSchedule.Type.parse(type))
                .orElseThrow(() -> ApiException.notFound("Report schedule"));
        if (!sender.mailConfigured()) {
            throw ApiException.conflict("mail_not_configured", "No SMTP server is configured (WATTOS_MAIL_HOST)");
        }
        var zone = TenantContext.current().timeZone() == null ? ZoneOffset.UTC : TenantContext.current().timeZone();
        sender.send(s, LocalDate.now(zone));
    }
}
