package de.wattos.analytics.internal;

import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.tenancy.Tenants;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends due report schedules of all tenants by e-mail, looking every {@code report-mail-interval}. Cluster-safe
 * without a lock service: a node sends a schedule only after it moved that schedule's due time on (a compare-and-set
 * on the row), so of several nodes exactly one sends each report. Without an SMTP host nothing is due-checked at all: the schedules wait, and their API says why. A failed
 * sending is recorded and the schedule moves on to its next period, so one broken mailbox never blocks the others.
 */
@Component
public class ScheduledReports implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduledReports.class);

    private final ReportSchedules schedules;
    private final Reports reports;
    private final ReportMailer mailer;
    private final Tenants tenants;
    private final MessageSource messages;
    private final Duration interval;
    private ScheduledExecutorService loop;
    private volatile boolean running;

    ScheduledReports(DataSource dataSource, AnalyticsProperties properties, ReportSchedules schedules, Reports reports,
            ReportMailer mailer, Tenants tenants, MessageSource messages) {
        this.schedules = schedules;
        this.reports = reports;
        this.mailer = mailer;
        this.tenants = tenants;
        this.messages = messages;
        this.interval = properties.reportMailInterval();
    }

    public boolean mailConfigured() {
        return mailer.configured();
    }

    void sendDue(Instant now) {
        if (!mailer.configured()) {
            return;
        }
        for (ReportSchedules.Due due : schedules.due(now, 100)) {
            Optional<TenantRef> tenant = tenants.ref(due.tenantId());
            if (tenant.isEmpty()) {
                continue;
            }
            TenantContext.runAs(tenant.get(), () -> {
                ReportSchedule s = due.schedule();
                ZoneId zone = ReportSchedules.zone(tenant.get());
                // the period is the one before the due time, so a schedule caught up late still reports that period
                LocalDate sendDay = LocalDate.ofInstant(s.nextRunAt(), zone);
                Instant next = s.type().nextRun(now, zone);
                if (!schedules.claim(s.id(), s.nextRunAt(), next)) {
                    return; // another node sends this one
                }
                try {
                    send(s, sendDay);
                    schedules.ran(s.id(), now, ReportSchedule.Status.SENT, null, next);
                } catch (RuntimeException e) {
                    log.warn("Scheduled {} report of tenant {} failed: {}", s.type(), tenant.get().slug(), e.toString());
                    schedules.ran(s.id(), now, ReportSchedule.Status.FAILED, e.getMessage(), next);
                }
            });
        }
    }

    /** Sends the bound tenant's report of this schedule now, for the period before {@code sendDay}. */
    public void send(ReportSchedule s, LocalDate sendDay) {
        LocalDate[] period = s.type().period(sendDay);
        Locale locale = Locale.forLanguageTag(s.locale());
        AnalyticsReport report = reports.gather(period[0].toString(), period[1].toString());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try {
            reports.write(report, s.format(), locale, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String tenantName = TenantContext.current().slug();
        String type = messages.getMessage("analytics.schedule.type." + s.type().name().toLowerCase(Locale.ROOT), null,
                s.type().name(), locale);
        String subject = messages.getMessage("analytics.schedule.subject", new Object[] {type, tenantName,
                period[0].toString(), period[1].toString()}, locale);
        String text = messages.getMessage("analytics.schedule.text", new Object[] {type, tenantName,
                period[0].toString(), period[1].toString()}, locale);
        String filename = "analytics-" + TenantContext.current().slug() + "-" + period[0] + "-" + period[1] + "."
                + s.format().extension();
        mailer.send(List.copyOf(s.recipients()), subject, text,
                new ReportMailer.Attachment(filename, s.format().contentType(), file.toByteArray()));
    }

    @Override
    public synchronized void start() {
        loop = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("report-mail").daemon().factory());
        loop.scheduleWithFixedDelay(this::sendDueSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    private void sendDueSafely() {
        try {
            sendDue(Instant.now());
        } catch (RuntimeException e) {
            log.warn("Looking for due scheduled reports failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (loop != null) {
            loop.shutdownNow();
            try {
                loop.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
