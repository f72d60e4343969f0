package de.wattos.kb;

import java.time.Instant;

/**
 * One approved version of one knowledge item as it is delivered. {@code deliveryId} = item and version: a receiver
 * that has seen it may drop it (deliveries are at least once; with this id, effectively once). {@code deleted}:
 * the item was approved to disappear ({@code title} and {@code text} are then null).
 */
public record SyncItem(String deliveryId, String itemId, String version, boolean deleted, String url, String title,
        String text, Instant approvedAt, String approvedBy) {
}
