package de.wattos.kb.review;

import java.util.Locale;

/** What a crawl found for a page of a source under approval. */
public enum ChangeKind {
    NEW, CHANGED, REMOVED;

    public String labelKey() {
        return "kb.change.kind." + name().toLowerCase(Locale.ROOT);
    }
}
