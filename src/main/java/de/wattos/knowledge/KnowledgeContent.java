package de.wattos.knowledge;

import java.util.List;
import java.util.UUID;

/**
 * Read-only views of the current tenant's indexed knowledge ({@code TenantContext}), for modules that derive
 * something from a tenant's content as a whole (the tenant profile, target groups) instead of searching it.
 */
public interface KnowledgeContent {

    /** Indexed documents in the given spaces (empty = all spaces of the tenant). */
    long indexedDocuments(List<UUID> spaceIds);

    /** Up to {@code limit} indexed documents, newest first. */
    List<IndexedDocument> documents(List<UUID> spaceIds, int limit);

    /** Up to {@code limit} chunks of indexed documents, grouped by document in reading order. */
    List<ContentChunk> chunks(List<UUID> spaceIds, int limit);

    /** The whole text an indexed document serves now; empty if it is not indexed. */
    java.util.Optional<String> servedText(UUID documentId);

    /**
     * One of the tenant's documents in any status (empty if there is none with this id), with the whole text it serves
     * now ({@code text} null unless it is served: indexed, or a duplicate of an indexed one).
     */
    java.util.Optional<DocumentText> document(UUID documentId);

    /**
     * The file an upload arrived with, as it arrived (empty for crawled pages, whose text alone is kept, for removed
     * documents and for unknown ids). {@code contentType} is the type detected from the bytes, else the declared one;
     * the bytes are read only when {@link OriginalFile#content()} is called (in the same tenant context).
     */
    java.util.Optional<OriginalFile> original(UUID documentId);

    /** The analysed terms (German: lower case, umlauts folded, compounds split, stemmed) the search index uses. */
    List<String> terms(String text);

    record IndexedDocument(UUID id, UUID spaceId, String title, String url, int chunkCount) {
    }

    /** {@code status}: the document's status as the API shows it ({@code pending}, {@code indexed}, …). */
    record DocumentText(UUID id, UUID spaceId, String title, String url, String filename, String status, String text) {
    }

    record OriginalFile(String filename, String contentType, long size, java.util.function.Supplier<byte[]> content) {
    }

    record ContentChunk(UUID documentId, UUID spaceId, String title, String url, String headingPath, String text) {
    }
}
