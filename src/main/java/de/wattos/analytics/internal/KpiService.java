package de.wattos.analytics.internal;

import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** KPIs of the bound tenant, validated and cached (see {@link KpiCache}). */
@Service
public class KpiService {

    private final KpiQuery query;
    private final AnalyticsProperties properties;
    private final RollupRebuild rebuild;
    private final KpiCache cache;

    KpiService(KpiQuery query, AnalyticsProperties properties, RollupRebuild rebuild, KpiCache cache) {
        this.query = query;
        this.properties = properties;
        this.rebuild = rebuild;
        this.cache = cache;
    }

    public KpiReport kpis(String from, String to, String granularity, String channel, UUID widgetId, UUID agentId) {
        TenantRef tenant = TenantContext.current();
        ZoneId zone = tenant.timeZone() == null ? ZoneOffset.UTC : tenant.timeZone();
        Period period = Period.parse(from, to, granularity, zone, properties);
        String ch = channel == null || channel.isBlank() ? null : channel.strip().toLowerCase();
        KpiReport.Filters filters = new KpiReport.Filters(ch, widgetId, agentId);
        return cache.get(tenant.id(), period + "|" + filters, () -> query.query(period, filters));
    }

    /** Rebuilds the bound tenant's rollups from the analytics event log; returns the number of events replayed. */
    public long rebuild() {
        long events = rebuild.rebuild();
        cache.invalidate(List.of(TenantContext.current().id()));
        return events;
    }
}
