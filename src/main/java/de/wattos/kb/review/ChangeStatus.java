package de.wattos.kb.review;

import java.util.Locale;

/**
 * Where a change request stands. Only {@code PENDING} can be decided; {@code SUPERSEDED}: a newer crawl found other
 * text (its own request replaces this one) or the page went back to what is served.
 */
public enum ChangeStatus {
    PENDING, APPROVED, REJECTED, SUPERSEDED;

    public String labelKey() {
        return "kb.change.status." + name().toLowerCase(Locale.ROOT);
    }
}
