package de.wattos.analytics.internal.web;

import de.wattos.analytics.internal.SystemMetrics;
import de.wattos.analytics.internal.TenantMetrics;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Platform metrics: platform admins only (others get 404, as for any resource they may not see); a tenant's own share. */
@RestController
class MetricsController {

    private final SystemMetrics metrics;
    private final TenantMetrics tenantMetrics;

    MetricsController(SystemMetrics metrics, TenantMetrics tenantMetrics) {
        this.metrics = metrics;
        this.tenantMetrics = tenantMetrics;
    }

    /** One tenant's endpoint latency and traffic; the tenant is bound centrally from the path. */
    @GetMapping("/api/v1/tenants/{tenant}/metrics")
    TenantMetrics.Snapshot tenantMetrics() {
        return tenantMetrics.snapshot();
    }

    @GetMapping("/api/v1/metrics")
    SystemMetrics.Snapshot metrics() {
        if (CurrentActor.find().filter(a -> a.isPlatformAdmin()).isEmpty()) {
            throw ApiException.notFound("Resource");
        }
        return metrics.snapshot();
    }
}
