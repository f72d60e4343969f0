package de.wattos.kb.notify;

import de.wattos.platform.FixedDelayLoop;
import de.wattos.platform.Ids;
import de.wattos.platform.Mailer;
import de.wattos.platform.NodeRoles;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.tenancy.TenantMembers;
import de.wattos.tenancy.Tenants;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Mails each reviewer the crawl changes waiting for them as one digest: a crawl run that changes 40 pages sends every
 * reviewer one mail naming them, not 40. {@link ReviewNotifier} marks the inbox entries due; every
 * {@code wattos.kb.review-mail.interval} a worker node looks, across tenants, for reviewers whose due entries have been
 * quiet for {@code quiet} (or whose oldest has waited {@code max-wait}), claims them (a compare-and-set with a lease,
 * so two nodes never both send, and a node that dies mid-sending leaves them to be sent after the lease), sends, and
 * confirms. A failed sending is retried with backoff, then recorded with its reason; the inbox entries stand
 * throughout. Without an SMTP host nothing is marked due, so nothing waits here.
 */
@Component
class ReviewMailDigest implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReviewMailDigest.class);
    private static final Set<Role> REVIEWERS = Set.of(Role.REVIEWER, Role.TENANT_ADMIN);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm", Locale.GERMAN);

    record Due(UUID tenantId, String userId) {
    }

    private final JdbcClient jdbc;
    private final ReviewNotifications notifications;
    private final ReviewMailProperties properties;
    private final Tenants tenants;
    private final TenantMembers members;
    private final Mailer mailer;
    private final MessageSource messages;
    private final NodeRoles roles;
    private FixedDelayLoop loop;
    private volatile boolean running;

    ReviewMailDigest(JdbcClient jdbc, ReviewNotifications notifications, ReviewMailProperties properties, Tenants tenants,
            TenantMembers members, Mailer mailer, MessageSource messages, NodeRoles roles) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.properties = properties;
        this.tenants = tenants;
        this.members = members;
        this.mailer = mailer;
        this.messages = messages;
        this.roles = roles;
    }

    /**
     * The reviewers (of every tenant) with a digest to send at {@code now}: deliberately unfiltered by tenant, as it
     * only finds whom to visit; each digest is then claimed and read under its own tenant.
     */
    List<Due> due(Instant now) {
        return jdbc.sql("""
                select tenant_id, user_id from kb_notifications
                where mail_state in ('due', 'sending') and (mail_not_before is null or mail_not_before < :now)
                group by tenant_id, user_id
                having max(created_at) < :quietBefore or min(created_at) < :waitedBefore
                limit 200""")
                .param("now", Timestamp.from(now))
                .param("quietBefore", Timestamp.from(now.minus(properties.quiet())))
                .param("waitedBefore", Timestamp.from(now.minus(properties.maxWait())))
                .query((rs, i) -> new Due(rs.getObject("tenant_id", UUID.class), rs.getString("user_id"))).list();
    }

    /** Sends every digest due at {@code now}; answers how many mails went out. */
    int sendDue(Instant now) {
        int sent = 0;
        for (Due d : due(now)) {
            if (!running) {
                break; // stopping: the rest stay due
            }
            Optional<TenantRef> tenant = tenants.ref(d.tenantId());
            if (tenant.isEmpty()) {
                // the tenant is gone: nobody to mail, and its entries must not be found again and again
                jdbc.sql("""
                        update kb_notifications set mail_state = 'skipped'
                        where tenant_id = :tenant and mail_state in ('due', 'sending')""")
                        .param("tenant", d.tenantId()).update();
            } else if (TenantContext.callAs(tenant.get(), () -> send(d.userId()))) {
                sent++;
            }
        }
        return sent;
    }

    private boolean send(String userId) {
        UUID claim = Ids.newId();
        List<ReviewNotifications.Pending> pending = notifications.claimDigest(userId, claim, Instant.now().plus(properties.lease()));
        if (pending.isEmpty()) {
            return false; // another node took it
        }
        Optional<TenantMembers.Member> member = members.withAnyRole(REVIEWERS).stream()
                .filter(m -> m.id().equals(userId)).findFirst();
        if (member.isEmpty() || member.get().email() == null || member.get().email().isBlank() || !mailer.configured()) {
            notifications.digestDone(claim, "skipped");
            return false;
        }
        try {
            mailer.send(List.of(member.get().email()), subject(pending), body(member.get(), pending));
        } catch (RuntimeException e) {
            // the next try waits interval × 2^(attempt−1)
            int attempt = pending.stream().mapToInt(ReviewNotifications.Pending::attempts).max().orElse(1);
            long backoff = properties.interval().toMillis() << Math.min(10, Math.max(0, attempt - 1));
            log.warn("Review digest mail to user {} of tenant {} failed: {}", userId, TenantContext.current().slug(), e.getMessage());
            notifications.digestFailed(claim, e.getMessage(), properties.maxAttempts(), Instant.now().plusMillis(backoff));
            return false;
        }
        notifications.digestDone(claim, "sent");
        return true;
    }

    private String subject(List<ReviewNotifications.Pending> pending) {
        return pending.size() == 1 ? text("kb.notify.subject.change", title(pending.getFirst()))
                : text("kb.notify.subject.changes", pending.size());
    }

    private String body(TenantMembers.Member m, List<ReviewNotifications.Pending> pending) {
        StringBuilder list = new StringBuilder();
        ZoneId zone = TenantContext.current().timeZone();
        int listed = Math.min(pending.size(), Math.max(1, properties.maxListed()));
        for (ReviewNotifications.Pending p : pending.subList(0, listed)) {
            list.append("- ").append(title(p)).append(" (").append(WHEN.format(p.createdAt().atZone(zone))).append(")\n");
            String link = link(p);
            if (!link.isEmpty()) {
                list.append("  ").append(link).append('\n');
            }
        }
        if (pending.size() > listed) {
            list.append(text("kb.notify.digest.more", pending.size() - listed)).append('\n');
        }
        String queue = mailer.consoleUrl().isBlank() ? "" : mailer.consoleUrl().replaceAll("/+$", "") + "/#/reviews";
        return text("kb.notify.body.changes", m.name(), pending.size(), list.toString(), queue);
    }

    private String link(ReviewNotifications.Pending p) {
        return mailer.consoleUrl().isBlank() ? "" : mailer.consoleUrl().replaceAll("/+$", "") + "/#/reviews/" + p.subjectId();
    }

    private static String title(ReviewNotifications.Pending p) {
        return p.title() == null || p.title().isBlank() ? p.subjectId() : p.title();
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, Locale.GERMAN);
    }

    @Override
    public synchronized void start() {
        running = true;
        if (roles.runsBackgroundWork()) { // digests are mailed by worker nodes
            loop = FixedDelayLoop.start("review-mail", properties.interval(), this::sendDueSafely);
        }
    }

    private void sendDueSafely() {
        try {
            sendDue(Instant.now());
        } catch (RuntimeException e) {
            log.warn("Looking for due review digests failed: {}", e.toString());
        }
    }

    /** Lets a sending in progress finish; what is cut off stays claimed until its lease ends and is sent then. */
    @Override
    public synchronized void stop() {
        running = false;
        if (loop != null) {
            loop.stop(Duration.ofSeconds(10));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
