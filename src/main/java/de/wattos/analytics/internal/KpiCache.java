package de.wattos.analytics.internal;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Cached KPI answers per tenant. Entries expire after {@code wattos.analytics.dashboard-cache}, and all of a
 * tenant's entries are dropped as soon as new events of that tenant are in the rollups, so a dashboard never shows
 * figures older than the last committed batch. Local by default; shared across nodes on Redis in production mode.
 */
interface KpiCache {

    KpiReport get(UUID tenant, String key, Supplier<KpiReport> compute);

    /** Forgets every cached answer of the tenants (their rollups changed). */
    void invalidate(Iterable<UUID> tenants);
}
