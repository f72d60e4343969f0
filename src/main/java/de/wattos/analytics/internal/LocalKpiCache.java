package de.wattos.analytics.internal;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The in-process KPI cache. Invalidation bumps a per-tenant generation that is part of every key, so it costs one
 * increment however many entries the tenant has; the stale entries age out of the bounded cache.
 */
final class LocalKpiCache implements KpiCache {

    private final ExpiringCache<String, KpiReport> entries;
    private final Map<UUID, AtomicLong> generations = new ConcurrentHashMap<>();

    LocalKpiCache(AnalyticsProperties properties) {
        this.entries = new ExpiringCache<>(properties.dashboardCache(), 2_000, Clock.systemUTC());
    }

    @Override
    public KpiReport get(UUID tenant, String key, Supplier<KpiReport> compute) {
        long generation = generations.computeIfAbsent(tenant, t -> new AtomicLong()).get();
        return entries.get(tenant + "|" + generation + "|" + key, compute);
    }

    /** Forgets every entry of every tenant. */
    void clear() {
        entries.clear();
    }

    @Override
    public void invalidate(Iterable<UUID> tenants) {
        for (UUID tenant : tenants) {
            generations.computeIfAbsent(tenant, t -> new AtomicLong()).incrementAndGet();
        }
    }
}
