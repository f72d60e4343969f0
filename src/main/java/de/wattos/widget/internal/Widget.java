package de.wattos.widget.internal;

import java.time.Instant;
import java.util.UUID;

/** A stored widget. {@code publicKey} is what embed codes carry; it is not a secret. */
public record Widget(UUID id, UUID tenantId, String publicKey, String name, String status, WidgetSettings settings,
        Instant createdAt, Instant updatedAt) {

    public static final String ACTIVE = "active";

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
