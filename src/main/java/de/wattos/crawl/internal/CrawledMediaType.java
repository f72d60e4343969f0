package de.wattos.crawl.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** What a crawled response is: HTML to parse for links, a document to ingest, or something to skip. */
final class CrawledMediaType {

    private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");
    private static final Set<String> DOCUMENT_TYPES = Set.of("application/pdf", "application/x-pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.oasis.opendocument.text", "application/msword", "application/rtf", "text/rtf",
            "text/plain");

    private CrawledMediaType() {
    }

    static boolean isHtml(String mediaType) {
        return HTML_TYPES.contains(mediaType);
    }

    static boolean isDocument(String mediaType) {
        return DOCUMENT_TYPES.contains(mediaType);
    }

    /** For servers that send no type or {@code application/octet-stream}: from the body's start and the URL. */
    static String sniff(String url, byte[] body) {
        if (body.length >= 4 && body[0] == '%' && body[1] == 'P' && body[2] == 'D' && body[3] == 'F') {
            return "application/pdf";
        }
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (head.contains("<html") || head.contains("<!doctype html")) {
            return "text/html";
        }
        String path = url.toLowerCase(Locale.ROOT);
        if (path.endsWith(".docx")) {
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        }
        if (path.endsWith(".odt")) {
            return "application/vnd.oasis.opendocument.text";
        }
        return "application/octet-stream";
    }
}
