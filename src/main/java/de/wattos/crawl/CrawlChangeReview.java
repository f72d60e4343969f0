package de.wattos.crawl;

import de.wattos.knowledge.IncomingDocument;
import java.util.UUID;

/**
 * Where the crawler hands the changes of a source that {@code requiresApproval} instead of ingesting them: a new or
 * changed page and a page that went missing wait for a reviewer while the old version keeps serving. Declared here
 * and implemented by the module that owns the review queue, so the crawler does not depend on it; without an
 * implementation such sources are crawled as any other. Tenant from {@code TenantContext}.
 */
public interface CrawlChangeReview {

    /** Compares the fetched page with what is served and holds it for review when it differs. Never throws. */
    Held hold(IncomingDocument page);

    /** A page missing from the site: its removal waits for approval (asked again on every run until decided). */
    Removal holdRemoval(UUID spaceId, UUID sourceId, String url, UUID documentId);

    /** {@code documentId}: the document the page serves now (null for a page not yet served). */
    record Held(Outcome outcome, UUID documentId, String reason) {

        public enum Outcome {
            /** a change request waits (or the same change was already rejected): the old version serves */
            HELD,
            /** the page serves exactly this text already */
            UNCHANGED,
            /** the same text is served under another URL */
            DUPLICATE,
            /** the page could not be read */
            FAILED
        }
    }

    enum Removal {
        /** waits for a reviewer; the document still serves */
        HELD,
        /** approved: the document is gone, the crawler may forget the page */
        REMOVED,
        /** rejected: the document keeps serving */
        KEPT
    }
}
