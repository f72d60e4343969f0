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
import org.springframework.transaction.annotation.Propagation;

/**
 * Analytics learns what happened only from these module events, delivered asynchronously after the publishing
 * transaction committed and at least once (the event publication registry retries a listener that throws; the
 * raw event log makes a second delivery a no-op).
 * <p>
 * The listeners run without a transaction of their own ({@code NOT_SUPPORTED}): the group commit writes in its own
 * transactions, and a listener that held a connection while it waits for the group commit (or holds an answer back
 * until its conversation arrives) would take the pool from the very writers it waits for: with as many concurrent
 * events as pool connections every request of the node starved (1 node, 40 visitors: no answer at all).
 */
@Component
class ModuleEventListeners {

    private final EventIngestion ingestion;

    ModuleEventListeners(EventIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @ApplicationModuleListener(id = "analytics.conversation-started", propagation = Propagation.NOT_SUPPORTED)
    void on(ConversationStarted event) {
        take(event);
    }

    @ApplicationModuleListener(id = "analytics.message-answered", propagation = Propagation.NOT_SUPPORTED)
    void on(MessageAnswered event) {
        take(event);
    }

    @ApplicationModuleListener(id = "analytics.feedback-given", propagation = Propagation.NOT_SUPPORTED)
    void on(FeedbackGiven event) {
        take(event);
    }

    @ApplicationModuleListener(id = "analytics.crawl-finished", propagation = Propagation.NOT_SUPPORTED)
    void on(CrawlFinished event) {
        take(event);
    }

    @ApplicationModuleListener(id = "analytics.document-indexed", propagation = Propagation.NOT_SUPPORTED)
    void on(DocumentIndexed event) {
        take(event);
    }

    @ApplicationModuleListener(id = "analytics.citation-clicked", propagation = Propagation.NOT_SUPPORTED)
    void on(CitationClicked event) {
        take(event);
    }

    @ApplicationModuleListener(id = "analytics.handoff-requested", condition = "#event.matches('channel.handoff.requested')", propagation = Propagation.NOT_SUPPORTED)
    void on(DomainEvent event) {
        HandoffRequested.of(event).ifPresent(this::take);
    }

    /** A failure is given back to the bus, which delivers the event again (logged by the platform's handler). */
    private void take(Object event) {
        ingestion.ingest(event);
    }
}
