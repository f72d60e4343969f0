package de.wattos.analytics.internal;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells dashboards that a tenant's figures changed. The cache is invalidated at once, on commit; the live signal
 * ({@code platform.analytics.updated} on the tenant's event stream) goes out at most once per
 * {@code wattos.analytics.live-interval} per tenant, however many events arrived, so a busy tenant's consoles
 * reload their KPIs every few seconds instead of once per message, and nobody polls the database.
 */
@Component
class KpiChanges {

    static final String TYPE = "analytics.updated";
    private static final Logger log = LoggerFactory.getLogger(KpiChanges.class);

    private final KpiCache cache;
    private final DomainEvents bus;
    private final Set<UUID> changed = ConcurrentHashMap.newKeySet();

    KpiChanges(KpiCache cache, DomainEvents bus) {
        this.cache = cache;
        this.bus = bus;
    }

    /** The tenants' rollups changed (a batch committed). */
    void committed(Set<UUID> tenants) {
        if (tenants.isEmpty()) {
            return;
        }
        cache.invalidate(tenants);
        changed.addAll(tenants);
    }

    @Scheduled(fixedDelayString = "${wattos.analytics.live-interval:2s}", initialDelayString = "${wattos.analytics.live-interval:2s}")
    void announce() {
        for (UUID tenant : List.copyOf(changed)) {
            changed.remove(tenant);
            try {
                bus.publish(DomainEvent.of(tenant, EventDomain.PLATFORM, TYPE, DomainEvent.Subject.of("analytics", tenant),
                        Map.of()));
            } catch (RuntimeException e) {
                // a tenant deleted meanwhile, or the database busy: the next change announces again
                log.debug("Could not announce analytics change of {}: {}", tenant, e.toString());
            }
        }
    }
}
