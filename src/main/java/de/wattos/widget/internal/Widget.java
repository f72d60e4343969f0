package de.wattos.widget.internal;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/** A stored widget. {@code publicKey} is what embed codes carry; it is not a secret. */
public record Widget(UUID id, UUID tenantId, String publicKey, String name, WidgetStatus status, WidgetSettings settings,
        Instant createdAt, Instant updatedAt) {

    /** What a public key looks like; anything else is answered 404 without a lookup. */
    public static final Pattern PUBLIC_KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    public boolean active() {
        return status == WidgetStatus.ACTIVE;
    }
}
