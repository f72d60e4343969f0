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
    public record Counters(int discovered, int fetched, @com.fasterxml.jackson.annotation.JsonProperty("new") int newCount,
            int changed, int unchanged, int removed, int skipped, int failed) {
        public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0);
    }

    public TenantRef tenantRef() {
        return new TenantRef(tenantId, tenantSlug, tenantLocale, ZoneId.of(tenantZone));
    }
}
