package de.wattos.kb.review;

import de.wattos.crawl.CrawlChangeReview;
import de.wattos.knowledge.IncomingDocument;
import de.wattos.knowledge.IngestPreview;
import de.wattos.knowledge.Ingestion;
import de.wattos.knowledge.KnowledgeContent;
import de.wattos.platform.Ids;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The crawler's changes for sources that require approval become change requests here; nothing reaches the index
 * until {@link ChangeReview} approves it. A change the reviewer rejected is not proposed again while the page keeps
 * exactly that text.
 */
@Component
class CrawlChangeQueue implements CrawlChangeReview {

    private static final Logger log = LoggerFactory.getLogger(CrawlChangeQueue.class);

    private final Ingestion ingestion;
    private final KnowledgeContent content;
    private final ChangeRequests changes;
    private final de.wattos.platform.events.DomainEvents bus;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    CrawlChangeQueue(Ingestion ingestion, KnowledgeContent content, ChangeRequests changes,
            de.wattos.platform.events.DomainEvents bus, org.springframework.transaction.support.TransactionTemplate tx) {
        this.bus = bus;
        this.tx = tx;
        this.ingestion = ingestion;
        this.content = content;
        this.changes = changes;
    }

    @Override
    public Held hold(IncomingDocument page) {
        try {
            IngestPreview preview = ingestion.preview(page);
            return switch (preview.outcome()) {
                case FAILED -> new Held(Held.Outcome.FAILED, preview.documentId(), preview.reason());
                case DUPLICATE -> new Held(Held.Outcome.DUPLICATE, preview.documentId(), preview.reason());
                case UNCHANGED -> {
                    changes.supersede(page.sourceId(), page.url());
                    yield new Held(Held.Outcome.UNCHANGED, preview.documentId(), null);
                }
                case NEW, CHANGED -> {
                    propose(page, preview);
                    yield new Held(Held.Outcome.HELD, preview.documentId(), null);
                }
            };
        } catch (RuntimeException e) {
            log.warn("Holding the change of {} failed", page.url(), e);
            return new Held(Held.Outcome.FAILED, null, "review queue error: " + e.getClass().getSimpleName());
        }
    }

    private void propose(IncomingDocument page, IngestPreview preview) {
        if (changes.decided(page.sourceId(), page.url(), null, preview.newHash(), ChangeStatus.REJECTED)) {
            return;
        }
        var open = changes.pending(page.sourceId(), page.url());
        if (open.isPresent() && preview.newHash().equals(open.get().newHash())) {
            return;
        }
        ChangeKind kind = preview.outcome() == de.wattos.knowledge.IngestResult.Outcome.NEW ? ChangeKind.NEW : ChangeKind.CHANGED;
        propose(new ChangeRequests.NewChange(Ids.newId(), page.spaceId(), page.sourceId(), page.url(), kind,
                preview.documentId(), preview.title(), preview.currentText(), preview.newText(), preview.newHash(),
                page.contentType(), page.content(), page.metadata()));
    }

    @Override
    public Removal holdRemoval(UUID spaceId, UUID sourceId, String url, UUID documentId) {
        var decision = changes.removalDecision(sourceId, url, documentId);
        if (decision.isPresent()) {
            return decision.get() == ChangeStatus.APPROVED ? Removal.REMOVED : Removal.KEPT;
        }
        var open = changes.pending(sourceId, url);
        if (open.isPresent() && open.get().kind() == ChangeKind.REMOVED) {
            return Removal.HELD;
        }
        String served = content.servedText(documentId).orElse(null);
        if (served == null) {
            // nothing serves under this document any more (removed by other means): nothing to approve
            return Removal.REMOVED;
        }
        String title = open.map(ChangeRequests.ChangeRequest::title).orElse(null);
        propose(new ChangeRequests.NewChange(Ids.newId(), spaceId, sourceId, url, ChangeKind.REMOVED, documentId,
                title, served, null, null, null, null, Map.of()));
        return Removal.HELD;
    }

    /** Queues the change and says so on the bus ({@code knowledge.kb.change.proposed}: reviewers get notified). */
    private void propose(ChangeRequests.NewChange c) {
        tx.executeWithoutResult(status -> {
            changes.propose(c);
            Map<String, Object> payload = new java.util.LinkedHashMap<>();
            payload.put("title", c.title() == null || c.title().isBlank() ? c.url() : c.title());
            payload.put("url", c.url());
            payload.put("kind", c.kind().name());
            payload.put("sourceId", c.sourceId().toString());
            bus.publish(de.wattos.platform.events.DomainEvent.of(de.wattos.platform.events.EventDomain.KNOWLEDGE,
                    "kb.change.proposed", de.wattos.platform.events.DomainEvent.Subject.of("kb_change", c.id()), payload));
        });
    }
}
