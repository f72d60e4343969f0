package de.wattos.platform.events;

import java.util.Locale;

/** The seed's event domains; the first segment of every topic. */
public enum EventDomain {
    PERCEPTION, INTENT, TOOL, KNOWLEDGE, AVATAR, COMPLIANCE, CHANNEL, PLATFORM;

    /** The lower-case name used in topics, e.g. {@code knowledge}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
