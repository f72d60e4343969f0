package de.wattos.analytics.internal;

import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** KPIs of the bound tenant, validated and cached for {@code wattos.analytics.dashboard-cache}. */
@Service
public class KpiService {

    private final KpiQuery query;
    private final AnalyticsProperties properties;
    private final RollupRebuild rebuild;
    private final ExpiringCache<String, KpiReport> cache;

    KpiService(KpiQuery query, AnalyticsProperties properties, RollupRebuild rebuild) {
        this.query = query;
        this.properties = properties;
        this.rebuild = rebuild;
        this.cache = new ExpiringCache<>(properties.dashboardCache(), 2_000, Clock.systemUTC());
    }

    public KpiReport kpis(String from, String to, String granularity, String channel, UUID widgetId, UUID agentId) {
        TenantRef tenant = TenantContext.current();
        ZoneId zone = tenant.timeZone() == null ? ZoneOffset.UTC : tenant.timeZone();
        Period period = Period.parse(from, to, granularity, zone, properties);
        String ch = channel == null || channel.isBlank() ? null : channel.strip().toLowerCase();
        KpiReport.Filters filters = new KpiReport.Filters(ch, widgetId, agentId);
        String key = tenant.id() + "|" + period + "|" + filters;
        return cache.get(key, () -> query.query(period, filters));
    }

    /** Rebuilds the bound tenant's rollups from the analytics event log; returns the number of events replayed. */
    public long rebuild() {
        long events = rebuild.rebuild();
        cache.clear();
        return events;
    }
}
