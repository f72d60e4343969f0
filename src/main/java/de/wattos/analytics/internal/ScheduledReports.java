package de.wattos.analytics.internal;

import de.wattos.platform.FixedDelayLoop;
import de.wattos.platform.Mailer;
import de.wattos.platform.NodeRoles;
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
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends due report schedules of all tenants by e-mail, looking every {@code report-mail-interval}. Cluster-safe
 * without a lock service: a node sends a schedule only under a lease it took on the row (a compare-and-set), and the
 * due time moves on only when the sending is confirmed. A sending cut off by a stop or a crash is therefore not lost:
 * its lease runs out and this or another node takes the report again (at least once; twice only if a node outlives
 * its lease mid-sending). Without an SMTP host nothing is due-checked at all: the schedules wait, and their API says
 * why. A failed sending is retried a few times, then recorded and skipped, so one broken mailbox never blocks the
 * others.
 */
@Component
public class ScheduledReports implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduledReports.class);

    private final ReportSchedules schedules;
    private final Reports reports;
    private final Mailer mailer;
    private final Tenants tenants;
    private final MessageSource messages;
    private final Duration interval;
    private final Duration lease;
    private final int attempts;
    private final Duration stopWait;
    private final NodeRoles roles;
    private FixedDelayLoop loop;
    private volatile boolean running;

    ScheduledReports(DataSource dataSource, AnalyticsProperties properties, ReportSchedules schedules, Reports reports,
            Mailer mailer, Tenants tenants, MessageSource messages, NodeRoles roles) {
        this.roles = roles;
        this.schedules = schedules;
        this.reports = reports;
        this.mailer = mailer;
        this.tenants = tenants;
        this.messages = messages;
        this.interval = properties.reportMailInterval();
        this.lease = properties.reportMailLease();
        this.attempts = Math.max(1, properties.reportMailAttempts());
        this.stopWait = properties.reportMailStopWait();
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
            if (!running) {
                return; // stopping: leave the remaining ones due for the next node or start
            }
            TenantContext.runAs(tenant.get(), () -> sendClaimed(due.schedule(), tenant.get(), now));
        }
    }

    private void sendClaimed(ReportSchedule s, TenantRef tenant, Instant now) {
        ZoneId zone = ReportSchedules.zone(tenant);
        // the period is the one before the due time, so a schedule caught up late still reports that period
        LocalDate sendDay = LocalDate.ofInstant(s.nextRunAt(), zone);
        Instant next = s.type().nextRun(now, zone);
        Instant claimedAt = Instant.now();
        Optional<UUID> claim = schedules.claim(s.id(), s.nextRunAt(), claimedAt, claimedAt.plus(lease));
        if (claim.isEmpty()) {
            return; // another node sends this one
        }
        try {
            send(s, sendDay);
        } catch (RuntimeException e) {
            log.warn("Scheduled {} report of tenant {} failed: {}", s.type(), tenant.slug(), e.toString());
            schedules.failed(s.id(), claim.get(), Instant.now(), e.getMessage(), attempts, Instant.now().plus(interval), next);
            return;
        }
        if (!schedules.sent(s.id(), claim.get(), Instant.now(), next)) {
            log.warn("Scheduled {} report of tenant {} was sent after its claim ran out; another node may send it too",
                    s.type(), tenant.slug());
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
                new Mailer.Attachment(filename, s.format().contentType(), file.toByteArray()));
    }

    @Override
    public synchronized void start() {
        if (!roles.runsBackgroundWork()) {
            running = true;
            return; // reports are mailed by worker nodes
        }
        loop = FixedDelayLoop.start("report-mail", interval, this::sendDueSafely);
        running = true;
    }

    private void sendDueSafely() {
        try {
            sendDue(Instant.now());
        } catch (RuntimeException e) {
            log.warn("Looking for due scheduled reports failed: {}", e.toString());
        }
    }

    /**
     * Lets a sending in progress finish (bounded by {@code report-mail-stop-wait}) instead of interrupting it: an
     * interrupted sending may have reached some recipients. Whatever is cut off after the wait keeps its due time and
     * is sent again once its lease runs out.
     */
    @Override
    public synchronized void stop() {
        running = false;
        if (loop != null && !loop.stop(stopWait)) {
            log.warn("A scheduled report was still being sent after {}; it is sent again after its lease", stopWait);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
