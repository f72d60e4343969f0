package de.wattos.platform;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@code tenant} label of a metric, bounded: the first {@code wattos.metrics.tenant-labels} tenants (default 100)
 * seen since start keep their slug, every later one is counted as {@code other}. A label value per tenant is what
 * makes per-municipality dashboards possible; an unbounded one would let tenant creation grow Prometheus' series
 * without limit.
 */
@Component
public class TenantMetricLabels {

    public static final String OTHER = "other";

    private final int limit;
    private final Set<String> labelled = ConcurrentHashMap.newKeySet();

    public TenantMetricLabels(@Value("${wattos.metrics.tenant-labels:100}") int limit) {
        this.limit = Math.max(0, limit);
    }

    /** The label of this tenant: its slug while the bound allows, else {@code other}; {@code none} without one. */
    public String of(TenantRef tenant) {
        if (tenant == null || tenant.slug() == null) {
            return "none";
        }
        String slug = tenant.slug();
        if (labelled.contains(slug)) {
            return slug;
        }
        synchronized (labelled) {
            if (labelled.size() < limit) {
                labelled.add(slug);
                return slug;
            }
        }
        return OTHER;
    }
}
