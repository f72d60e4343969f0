package de.wattos.analytics.internal.web;

import de.wattos.analytics.internal.SystemMetrics;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Platform metrics: platform admins only (others get 404, as for any resource they may not see). */
@RestController
class MetricsController {

    private final SystemMetrics metrics;

    MetricsController(SystemMetrics metrics) {
        this.metrics = metrics;
    }

    @GetMapping("/api/v1/metrics")
    SystemMetrics.Snapshot metrics() {
        if (CurrentActor.find().filter(a -> a.isPlatformAdmin()).isEmpty()) {
            throw ApiException.notFound("Resource");
        }
        return metrics.snapshot();
    }
}
