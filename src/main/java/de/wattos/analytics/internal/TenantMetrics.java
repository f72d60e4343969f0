package de.wattos.analytics.internal;

import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantJdbc;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** The bound tenant's share of {@code /api/v1/metrics}: its endpoints' latency and its last 24 hours of traffic. */
@Service
public class TenantMetrics {

    private final TenantJdbc jdbc;
    private final EndpointLatencies latencies;

    TenantMetrics(TenantJdbc jdbc, EndpointLatencies latencies) {
        this.jdbc = jdbc;
        this.latencies = latencies;
    }

    public record Snapshot(Instant at, Map<String, EndpointLatencies.Latency> endpointLatency,
            Map<String, Object> business, List<String> notes) {
    }

    public Snapshot snapshot() {
        Instant since = Instant.now().minus(24, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> business = jdbc.sql("""
                select coalesce(sum(conversations), 0), coalesce(sum(answers), 0), coalesce(sum(no_answers), 0),
                  coalesce(sum(input_tokens + output_tokens), 0)
                from analytics_hourly where tenant_id = :tenantId and hour >= :since""")
                .param("since", Timestamp.from(since))
                .query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("conversations24h", rs.getLong(1));
                    m.put("answers24h", rs.getLong(2));
                    m.put("noAnswers24h", rs.getLong(3));
                    m.put("tokens24h", rs.getLong(4));
                    return m;
                }).single();
        return new Snapshot(Instant.now(), latencies.tenant(TenantContext.current().id()), business,
                List.of("endpointLatency: this tenant's requests on this node since its start; p50/p95 in fixed buckets."));
    }
}
