package de.wattos.widget.internal;

import java.time.Instant;
import java.util.UUID;

/** A stored widget. {@code publicKey} is what embed codes carry; it is not a secret. */
public record Widget(UUID id, UUID tenantId, String publicKey, String name, WidgetStatus status, WidgetSettings settings,
        Instant createdAt, Instant updatedAt) {

    public boolean active() {
        return status == WidgetStatus.ACTIVE;
    }
}
