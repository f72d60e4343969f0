package de.wattos.crawl.internal;

import java.util.List;
import java.util.UUID;

/**
 * What one crawl run found at one URL, as stored in {@code crawl_pages}: its status ({@link PageStatus}), the HTTP
 * status, the document it became (or that it no longer is: {@code clearDocument}), the validators for the next
 * conditional request and the links it had (for a 304 next time).
 */
record PageOutcome(String url, PageStatus status, Integer httpStatus, UUID documentId, boolean clearDocument,
        String etag, String lastModified, List<String> outlinks) {

    static PageOutcome of(String url, PageStatus status, Integer httpStatus) {
        return new PageOutcome(url, status, httpStatus, null, false, null, null, null);
    }

    /** The page is (still) this document; the validators make the next fetch conditional. */
    PageOutcome document(UUID document, String newEtag, String newLastModified) {
        return new PageOutcome(url, status, httpStatus, document, false, newEtag, newLastModified, outlinks);
    }

    /** The page no longer stands for a document (noindex): link and validators are dropped. */
    PageOutcome clearingDocument() {
        return new PageOutcome(url, status, httpStatus, null, true, null, null, outlinks);
    }

    PageOutcome outlinks(List<String> links) {
        return new PageOutcome(url, status, httpStatus, documentId, clearDocument, etag, lastModified, links);
    }
}
