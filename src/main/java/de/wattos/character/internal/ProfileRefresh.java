package de.wattos.character.internal;

import de.wattos.crawl.CrawlFinished;
import de.wattos.platform.TenantContext;
import de.wattos.tenancy.Tenants;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A crawl that brought new or changed pages makes a derived profile stale: it is derived again on next use. */
@Component
class ProfileRefresh {

    private final ProfileService profiles;
    private final Tenants tenants;

    ProfileRefresh(ProfileService profiles, Tenants tenants) {
        this.profiles = profiles;
        this.tenants = tenants;
    }

    @EventListener
    void on(CrawlFinished event) {
        if (event.newDocuments() + event.changed() + event.removed() == 0) {
            return;
        }
        tenants.ref(event.tenantId()).ifPresent(ref -> TenantContext.runAs(ref, profiles::contentChanged));
    }
}
