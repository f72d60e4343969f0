package de.wattos.knowledge;

import java.util.UUID;

/**
 * How other modules (the crawler) put content into a tenant's knowledge. Tenant from {@code TenantContext}.
 * Extraction (HTML main content, PDF, DOCX, ODT …), change detection by SHA-256 of the normalised text,
 * chunking, embedding and indexing happen here; the caller hands over raw bytes and learns what happened.
 */
public interface Ingestion {

    /**
     * Ingests one fetched resource synchronously. A resource already known under the same source and URL is
     * updated in place (chunks replaced atomically) when its text changed, and left alone when it did not.
     * Never throws for bad content: failures come back as {@link IngestResult.Outcome#FAILED} with a reason.
     */
    IngestResult ingest(IncomingDocument document);

    /**
     * Extracts and compares a resource with what its URL serves now, changing nothing: how a change can be shown to
     * a reviewer before it is ingested. Never throws for bad content ({@code FAILED} with a reason).
     */
    IngestPreview preview(IncomingDocument document);

    /** Removes a document from the knowledge base (status {@code removed}, gone from search at once). */
    void remove(UUID documentId);
}
