package de.wattos.analytics.internal;

import de.wattos.chat.ConversationStarted;
import de.wattos.chat.FeedbackGiven;
import de.wattos.chat.MessageAnswered;
import de.wattos.crawl.CrawlFinished;
import de.wattos.knowledge.DocumentIndexed;
import de.wattos.platform.events.DomainEvent;
import de.wattos.widget.CitationClicked;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Analytics learns what happened only from these module events, delivered asynchronously after the publishing
 * transaction committed and at least once (the event publication registry retries a listener that throws; the
 * raw event log makes a second delivery a no-op).
 */
@Component
class ModuleEventListeners {

    private final EventIngestion ingestion;

    ModuleEventListeners(EventIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @ApplicationModuleListener(id = "analytics.conversation-started")
    void on(ConversationStarted event) {
        take(event);
    }

    @ApplicationModuleListener(id = "analytics.message-answered")
    void on(MessageAnswered event) {
        take(event);
    }

    @ApplicationModuleListener(id = "analytics.feedback-given")
    void on(FeedbackGiven event) {
        take(event);
    }

    @ApplicationModuleListener(id = "analytics.crawl-finished")
    void on(CrawlFinished event) {
        take(event);
    }

    @ApplicationModuleListener(id = "analytics.document-indexed")
    void on(DocumentIndexed event) {
        take(event);
    }

    @ApplicationModuleListener(id = "analytics.citation-clicked")
    void on(CitationClicked event) {
        take(event);
    }

    @ApplicationModuleListener(id = "analytics.handoff-requested", condition = "#event.matches('channel.handoff.requested')")
    void on(DomainEvent event) {
        HandoffRequested.of(event).ifPresent(this::take);
    }

    /** A failure is given back to the bus, which delivers the event again (logged by the platform's handler). */
    private void take(Object event) {
        ingestion.ingest(event);
    }
}
