package de.wattos.kb.articles;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where an article stands in the approval workflow. Nothing becomes searchable that a second person has not
 * approved: only {@code APPROVED} can be published. Editing a published article starts a new draft while the
 * published version keeps serving until its successor is published.
 */
public enum ArticleStatus {
    DRAFT(EnumSet.of(ArticleAction.EDIT, ArticleAction.SUBMIT)),
    IN_REVIEW(EnumSet.of(ArticleAction.APPROVE, ArticleAction.REJECT)),
    APPROVED(EnumSet.of(ArticleAction.PUBLISH, ArticleAction.EDIT)),
    REJECTED(EnumSet.of(ArticleAction.EDIT)),
    PUBLISHED(EnumSet.of(ArticleAction.EDIT, ArticleAction.WITHDRAW)),
    WITHDRAWN(EnumSet.of(ArticleAction.EDIT));

    private final Set<ArticleAction> allowed;

    ArticleStatus(Set<ArticleAction> allowed) {
        this.allowed = allowed;
    }

    public Set<ArticleAction> allowed() {
        return EnumSet.copyOf(allowed);
    }

    public boolean allows(ArticleAction action) {
        return allowed.contains(action);
    }

    /** The message bundle key of the label shown to users. */
    public String labelKey() {
        return "kb.article.status." + name().toLowerCase(Locale.ROOT);
    }
}
