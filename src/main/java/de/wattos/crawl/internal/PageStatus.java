package de.wattos.crawl.internal;

import java.util.Locale;

/**
 * What a crawl run last found at a page ({@code crawl_pages.last_status}, stored in lower case). Indexed, unchanged
 * and duplicate pages are healthy: they reset the miss count that removes pages gone for good.
 */
public enum PageStatus {
    INDEXED, UNCHANGED, DUPLICATE, GONE, ERROR, NOINDEX, ALIAS, SKIPPED, REMOVED,
    /** fetched with changes that wait for a reviewer; the previous version keeps serving */
    HELD;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PageStatus of(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }

    /** A page the run has as a document it can ask for conditionally next time. */
    boolean holdsContent() {
        return this == INDEXED || this == UNCHANGED;
    }
}
