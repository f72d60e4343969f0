package de.wattos.kb.articles;

import de.wattos.knowledge.SpaceDeleted;
import de.wattos.platform.TenantContext;
import de.wattos.tenancy.Tenants;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A deleted knowledge space takes its articles along (the knowledge module removes their indexed documents itself).
 * Idempotent: a redelivery finds nothing left.
 */
@Component
class ArticleSpaceCleanup {

    private final Articles articles;
    private final Tenants tenants;

    ArticleSpaceCleanup(Articles articles, Tenants tenants) {
        this.articles = articles;
        this.tenants = tenants;
    }

    @ApplicationModuleListener(id = "kb.article-space-cleanup")
    void on(SpaceDeleted event) {
        tenants.ref(event.tenantId()).ifPresent(tenant ->
                TenantContext.runAs(tenant, () -> articles.deleteOfSpace(event.spaceId())));
    }
}
