package de.wattos.analytics.internal;

import de.wattos.chat.ConversationStarted;
import de.wattos.chat.FeedbackGiven;
import de.wattos.chat.MessageAnswered;
import de.wattos.crawl.CrawlFinished;
import de.wattos.knowledge.DocumentIndexed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Analytics learns what happened only from these module events, after the publishing transaction committed.
 * A failure here is logged and never reaches the citizen's answer; the raw log makes a later rebuild possible.
 */
@Component
class ModuleEventListeners {

    private static final Logger log = LoggerFactory.getLogger(ModuleEventListeners.class);

    private final EventIngestion ingestion;

    ModuleEventListeners(EventIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @ApplicationModuleListener
    void on(ConversationStarted event) {
        take(event);
    }

    @ApplicationModuleListener
    void on(MessageAnswered event) {
        take(event);
    }

    @ApplicationModuleListener
    void on(FeedbackGiven event) {
        take(event);
    }

    @ApplicationModuleListener
    void on(CrawlFinished event) {
        take(event);
    }

    @ApplicationModuleListener
    void on(DocumentIndexed event) {
        take(event);
    }

    private void take(Object event) {
        try {
            ingestion.ingest(event);
        } catch (RuntimeException e) {
            log.warn("Analytics could not take {}: {}", event.getClass().getSimpleName(), e.toString(), e);
        }
    }
}
