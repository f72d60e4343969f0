package de.wattos.crawl.internal;

import de.wattos.knowledge.SpaceDeleted;
import de.wattos.platform.TenantContext;
import de.wattos.tenancy.Tenants;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A deleted knowledge space takes its website sources along: their crawl pages, runs and schedules. Idempotent
 * (a redelivery finds nothing left); a crawl that does not stop in time fails the delivery, which the bus retries.
 */
@Component
class SpaceCleanup {

    private final SourceService sources;
    private final Tenants tenants;

    SpaceCleanup(SourceService sources, Tenants tenants) {
        this.sources = sources;
        this.tenants = tenants;
    }

    @ApplicationModuleListener(id = "crawl.space-cleanup")
    void on(SpaceDeleted event) throws InterruptedException {
        var tenant = tenants.ref(event.tenantId());
        if (tenant.isEmpty()) {
            return; // no such tenant (any more): nothing of it to bind or clean up here
        }
        boolean complete = TenantContext.callAs(tenant.get(), () -> sources.deleteAllOfSpace(event.spaceId()));
        if (!complete) {
            throw new IllegalStateException("A crawl of a source of deleted space " + event.spaceId() + " is still stopping");
        }
    }
}
