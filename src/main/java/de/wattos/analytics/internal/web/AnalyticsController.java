package de.wattos.analytics.internal.web;

import de.wattos.analytics.internal.KpiReport;
import de.wattos.analytics.internal.KpiService;
import de.wattos.platform.Role;
import de.wattos.platform.TenantRole;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** KPIs and trends of a tenant. The tenant is bound centrally from the path. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}")
class AnalyticsController {

    private final KpiService kpis;

    AnalyticsController(KpiService kpis) {
        this.kpis = kpis;
    }

    @GetMapping("/analytics")
    KpiReport analytics(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String granularity, @RequestParam(required = false) String channel,
            @RequestParam(required = false) UUID widgetId, @RequestParam(required = false) UUID agentId) {
        return kpis.kpis(from, to, granularity, channel, widgetId, agentId);
    }

    record Rebuilt(long events) {
    }

    /** Recomputes every rollup from analytics' own event log (after a fix in the rollup logic, for instance). */
    @PostMapping("/analytics/rebuild")
    @TenantRole(Role.TENANT_ADMIN)
    Rebuilt rebuild() {
        return new Rebuilt(kpis.rebuild());
    }
}
