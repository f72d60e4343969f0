package de.wattos.kb.articles;

import java.util.Locale;

/** What a user can do to an article; which ones are allowed depends on its {@link ArticleStatus}. */
public enum ArticleAction {
    EDIT, SUBMIT, APPROVE, REJECT, PUBLISH, WITHDRAW;

    /** The lower-case name used in events and in the {@code allowed} list of a refused transition. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
