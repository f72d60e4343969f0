package de.wattos.kb.notify;

import de.wattos.platform.Mailer;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.tenancy.TenantMembers;
import de.wattos.tenancy.Tenants;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the reviewers when something waits for them: an article submitted for review, or a crawl change proposed
 * under approval. Every REVIEWER and TENANT_ADMIN of the tenant except the author (and whoever submitted it) gets a
 * console inbox entry and, when {@code wattos.mail.host} is set and they have an address, an e-mail: at once for an
 * article, in their next digest ({@link ReviewMailDigest}) for crawl changes, which come by the dozen. Reacts to the
 * events only (at least once; the entry is keyed by the event, so a redelivery adds nothing and mails nobody again),
 * then publishes {@code knowledge.kb.review.notified}, which the console's inbox follows live.
 */
@Component
class ReviewNotifier {

    static final String CONDITION = "#event.matches('knowledge.article.submitted', 'knowledge.kb.change.proposed')";
    private static final Logger log = LoggerFactory.getLogger(ReviewNotifier.class);
    private static final Set<Role> REVIEWERS = Set.of(Role.REVIEWER, Role.TENANT_ADMIN);

    private final Tenants tenants;
    private final TenantMembers members;
    private final ReviewNotifications notifications;
    private final Mailer mailer;
    private final MessageSource messages;
    private final DomainEvents bus;

    ReviewNotifier(Tenants tenants, TenantMembers members, ReviewNotifications notifications, Mailer mailer,
            MessageSource messages, DomainEvents bus) {
        this.tenants = tenants;
        this.members = members;
        this.notifications = notifications;
        this.mailer = mailer;
        this.messages = messages;
        this.bus = bus;
    }

    // without a transaction of its own: no pool connection is held while a mail server answers
    @ApplicationModuleListener(id = "kb.review-notifications", condition = CONDITION,
            propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    void on(DomainEvent event) {
        if (event.tenantId() == null || event.subject() == null) {
            return;
        }
        tenants.ref(event.tenantId()).ifPresent(tenant -> TenantContext.runAs(tenant, () -> notify(event)));
    }

    private void notify(DomainEvent event) {
        boolean article = event.matches("knowledge.article.submitted");
        String kind = article ? "article" : "change";
        String title = String.valueOf(event.payload().getOrDefault("title", ""));
        Set<String> excluded = new HashSet<>();
        if (event.actor() != null && event.actor().id() != null) {
            excluded.add(event.actor().id());
        }
        if (event.payload().get("authorId") instanceof String author) {
            excluded.add(author);
        }
        List<String> notified = new ArrayList<>();
        for (TenantMembers.Member m : members.withAnyRole(REVIEWERS)) {
            boolean mail = mailer.configured() && m.email() != null && !m.email().isBlank();
            // a crawl change waits for the reviewer's digest (ReviewMailDigest): one mail per run, not one per page
            if (excluded.contains(m.id())
                    || !notifications.add(m.id(), event.id(), kind, event.subject().id(), title, mail && !article)) {
                continue;
            }
            notified.add(m.id());
            if (mail && article) {
                try {
                    mailer.send(List.of(m.email()), text("kb.notify.subject." + kind, title), mailBody(kind, title, event, m));
                } catch (RuntimeException e) {
                    // the inbox entry stands; a mail server that is down must not hold the review up
                    log.warn("Review notification mail to user {} failed: {}", m.id(), e.getMessage());
                }
            }
        }
        if (!notified.isEmpty()) {
            bus.publish(DomainEvent.of(EventDomain.KNOWLEDGE, "kb.review.notified", event.subject(),
                    Map.of("kind", kind, "title", title, "recipients", notified)));
        }
    }

    private String mailBody(String kind, String title, DomainEvent event, TenantMembers.Member m) {
        String link = mailer.consoleUrl().isBlank() ? ""
                : mailer.consoleUrl().replaceAll("/+$", "") + "/#/articles/" + event.subject().id();
        String who = event.actor() == null ? "" : event.actor().name();
        return text("kb.notify.body." + kind, m.name(), title, who, link);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, Locale.GERMAN);
    }
}
