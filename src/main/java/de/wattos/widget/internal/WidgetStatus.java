package de.wattos.widget.internal;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a widget answers citizens: only {@code active} ones do; stored and sent in lower case. */
public enum WidgetStatus {
    DRAFT, ACTIVE, PAUSED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WidgetStatus of(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
