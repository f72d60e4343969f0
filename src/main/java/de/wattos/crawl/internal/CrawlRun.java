package de.wattos.crawl.internal;

import de.wattos.platform.TenantRef;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** A crawl run as stored. */
public record CrawlRun(UUID id, UUID tenantId, UUID sourceId, UUID spaceId, Status status, String trigger,
        String requestedBy, String tenantSlug, String tenantLocale, String tenantZone, String node,
        boolean cancelRequested, Instant createdAt, Instant startedAt, Instant finishedAt, Counters counters,
        boolean truncated, String error) {

    public enum Status {
        QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean terminal() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }

        public static Status of(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The API's counters object. */
    /**
     * What happened to each URL of a run. Every discovered URL ends in exactly one of {@code fetched} (its content was
     * taken: new, changed or unchanged), {@code redirected} (it forwards to an address crawled under its own URL),
     * {@code skipped} (robots.txt, noindex, canonical, duplicate, not a document, out of scope) or {@code failed}; so a
     * finished run has {@code discovered = fetched + redirected + skipped + failed} (a cancelled one leaves the rest
     * open). {@code removed} counts documents taken out of the index (noindex) and overlaps the others.
     */
    public record Counters(int discovered, int fetched, @com.fasterxml.jackson.annotation.JsonProperty("new") int newCount,
            int changed, int unchanged, int removed, int skipped, int failed, int redirected) {
        public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** Discovered URLs not (yet) in any end state: still queued or never reached before a cancel. */
        public int open() {
            return Math.max(0, discovered - fetched - redirected - skipped - failed);
        }
    }

    public TenantRef tenantRef() {
        return new TenantRef(tenantId, tenantSlug, tenantLocale, ZoneId.of(tenantZone));
    }
}
