package de.wattos.kb.review;

import de.wattos.knowledge.IncomingDocument;
import de.wattos.knowledge.IngestResult;
import de.wattos.knowledge.Ingestion;
import de.wattos.platform.Actor;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decisions on crawl change requests. Approving applies exactly the reviewed bytes through the ordinary ingestion
 * (or removes the document), then records the decision on the bus (audit) in one transaction; rejecting leaves
 * the served version alone.
 */
@Service
public class ChangeReview {

    /** Outcome of one change of a bulk approval. */
    public record BulkOutcome(UUID id, boolean approved, String code, String detail) {
    }

    public static final int MAX_BULK = 500;

    private final ChangeRequests changes;
    private final Ingestion ingestion;
    private final DomainEvents bus;
    private final TransactionTemplate tx;
    private final List<ApprovedChangeListener> listeners;

    public ChangeReview(ChangeRequests changes, Ingestion ingestion, DomainEvents bus, TransactionTemplate tx,
            List<ApprovedChangeListener> listeners) {
        this.changes = changes;
        this.ingestion = ingestion;
        this.bus = bus;
        this.tx = tx;
        this.listeners = listeners;
    }

    public ChangeRequests.ChangeRequest get(UUID id) {
        return changes.find(id).orElseThrow(() -> ApiException.notFound("Change_request"));
    }

    public ChangeRequests.ChangeRequest approve(UUID id, String comment) {
        ChangeRequests.ChangeRequest c = requirePending(get(id));
        UUID documentId = apply(c);
        Actor reviewer = CurrentActor.get();
        tx.executeWithoutResult(s -> {
            if (!changes.decide(id, ChangeStatus.APPROVED, reviewer.id(), reviewer.name(), comment)) {
                throw notPending(get(id));
            }
            publish("kb.change.approved", c, comment, documentId);
            for (ApprovedChangeListener listener : listeners) {
                listener.approved(c, documentId);
            }
        });
        return get(id);
    }

    public ChangeRequests.ChangeRequest reject(UUID id, String comment) {
        ChangeRequests.ChangeRequest c = requirePending(get(id));
        Actor reviewer = CurrentActor.get();
        tx.executeWithoutResult(s -> {
            if (!changes.decide(id, ChangeStatus.REJECTED, reviewer.id(), reviewer.name(), comment)) {
                throw notPending(get(id));
            }
            publish("kb.change.rejected", c, comment, c.documentId());
        });
        return get(id);
    }

    /** Approves each change on its own: one that cannot be applied does not hold back the others. */
    public List<BulkOutcome> approveAll(List<UUID> ids, String comment) {
        List<BulkOutcome> outcomes = new ArrayList<>();
        for (UUID id : new java.util.LinkedHashSet<>(ids)) {
            try {
                approve(id, comment);
                outcomes.add(new BulkOutcome(id, true, null, null));
            } catch (ApiException e) {
                outcomes.add(new BulkOutcome(id, false, e.code(), e.getMessage()));
            }
        }
        return outcomes;
    }

    private UUID apply(ChangeRequests.ChangeRequest c) {
        if (c.kind() == ChangeKind.REMOVED) {
            if (c.documentId() != null) {
                ingestion.remove(c.documentId());
            }
            return c.documentId();
        }
        byte[] content = changes.content(c.id()).orElseThrow(() -> notPending(c));
        IngestResult result = ingestion.ingest(new IncomingDocument(c.spaceId(), c.sourceId(), c.url(), c.title(),
                c.contentType(), content, c.metadata()));
        if (result.outcome() == IngestResult.Outcome.FAILED || result.documentId() == null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "change_apply_failed",
                    "The change could not be indexed: " + result.reason()).withArgs(String.valueOf(result.reason()));
        }
        return result.documentId();
    }

    private static ChangeRequests.ChangeRequest requirePending(ChangeRequests.ChangeRequest c) {
        if (c.status() != ChangeStatus.PENDING) {
            throw notPending(c);
        }
        return c;
    }

    private static ApiException notPending(ChangeRequests.ChangeRequest c) {
        return new ApiException(HttpStatus.CONFLICT, "change_not_pending", "The change was decided already",
                List.of(), Map.of("status", c.status().name())).withArgs(c.status().name());
    }

    private void publish(String type, ChangeRequests.ChangeRequest c, String comment, UUID documentId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", c.kind().name());
        payload.put("url", c.url());
        payload.put("spaceId", c.spaceId().toString());
        payload.put("sourceId", c.sourceId().toString());
        if (documentId != null) {
            payload.put("documentId", documentId.toString());
        }
        if (comment != null) {
            payload.put("comment", comment);
        }
        bus.publish(DomainEvent.of(EventDomain.KNOWLEDGE, type, DomainEvent.Subject.of("kb_change", c.id()), payload));
    }
}
