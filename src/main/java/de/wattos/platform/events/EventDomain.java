package de.wattos.platform.events;

import java.util.Locale;

/**
 * The seed's event domains, the first segment of every topic, plus {@code character} for the assistant's shape
 * (tenant profile, characters, personas, generated agents), which is neither perception nor avatar rendering.
 */
public enum EventDomain {
    PERCEPTION, INTENT, TOOL, KNOWLEDGE, AVATAR, CHARACTER, COMPLIANCE, CHANNEL, PLATFORM;

    /** The lower-case name used in topics, e.g. {@code knowledge}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
