package de.wattos.kb;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One approved version of one knowledge item as it is delivered. {@code deliveryId} = item and version: a receiver
 * that has seen it may drop it (deliveries are at least once; with this id, effectively once). {@code deleted}:
 * the item was approved to disappear, or its validity ended ({@code title} and {@code text} are then null;
 * {@code reason} says why: {@code removed}, {@code withdrawn}, {@code expired}). {@code validFrom}/{@code validTo}:
 * the period an article may be served (null = open); WattOS itself serves it only then, and sends a deletion with
 * reason {@code expired} once {@code validTo} has passed. {@code personaIds}: the personas (target groups) an article
 * is for; empty = everyone.
 */
public record SyncItem(String deliveryId, String itemId, String version, boolean deleted, String url, String title,
        String text, Instant approvedAt, String approvedBy, Instant validFrom, Instant validTo, String reason,
        List<UUID> personaIds) {

    public SyncItem {
        personaIds = personaIds == null ? List.of() : List.copyOf(personaIds);
    }

    /** An item without a validity period (a crawled page, or an article valid without limit). */
    public SyncItem(String deliveryId, String itemId, String version, boolean deleted, String url, String title,
            String text, Instant approvedAt, String approvedBy) {
        this(deliveryId, itemId, version, deleted, url, title, text, approvedAt, approvedBy, null, null,
                deleted ? "removed" : null, List.of());
    }
}
