package de.wattos.analytics.internal;

import de.wattos.platform.cluster.SharedCache;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The KPI cache of production mode: answers as JSON in the {@link SharedCache} (Redis), one scope per tenant
 * ({@code kpi:<tenant id>}), so every node serves what any node computed, and an invalidation on one node (its
 * ingestion committed a batch of the tenant's events) is a new generation of the tenant's scope for all of them.
 * The tenant is part of every key, so one tenant's entry is never found under another tenant.
 *
 * <p>While Redis cannot be reached the node answers from its own {@link LocalKpiCache}, which it empties when it
 * switches over (entries kept from an earlier outage missed the other nodes' invalidations since); invalidations
 * always reach the local cache too.
 */
final class SharedKpiCache implements KpiCache {

    private static final Logger log = LoggerFactory.getLogger(SharedKpiCache.class);

    private final SharedCache shared;
    private final LocalKpiCache local;
    private final JsonMapper json;
    private final Duration ttl;
    private final AtomicBoolean sharedInUse = new AtomicBoolean(true);

    SharedKpiCache(SharedCache shared, LocalKpiCache local, JsonMapper json, Duration ttl) {
        this.shared = shared;
        this.local = local;
        this.json = json;
        this.ttl = ttl;
    }

    static String scope(UUID tenant) {
        return "kpi:" + tenant;
    }

    @Override
    public KpiReport get(UUID tenant, String key, Supplier<KpiReport> compute) {
        SharedCache.Lookup seen = ttl.isPositive() ? shared.lookup(scope(tenant), key) : null;
        if (seen == null) {
            if (sharedInUse.compareAndSet(true, false)) {
                local.clear();
            }
            return local.get(tenant, key, compute);
        }
        sharedInUse.set(true);
        if (seen.value() != null) {
            try {
                return json.readValue(seen.value(), KpiReport.class);
            } catch (JacksonException e) {
                log.debug("Unreadable shared KPI entry, computed again: {}", e.toString());
            }
        }
        KpiReport report = compute.get();
        shared.store(scope(tenant), seen, key, json.writeValueAsString(report), ttl);
        return report;
    }

    @Override
    public void invalidate(Iterable<UUID> tenants) {
        local.invalidate(tenants);
        for (UUID tenant : tenants) {
            shared.invalidate(scope(tenant));
        }
    }
}
