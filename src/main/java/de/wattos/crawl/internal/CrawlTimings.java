package de.wattos.crawl.internal;

/**
 * Where a run's time went, in milliseconds summed over its worker threads: HTTP exchanges (including reading the
 * body), HTML parsing for links, and the synchronous {@code Ingestion.ingest} calls (extraction, chunking,
 * embedding, storing, indexing).
 */
public record CrawlTimings(long fetchMs, long parseMs, long ingestMs) {
}
