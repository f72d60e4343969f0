package de.wattos.analytics.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import de.wattos.platform.cluster.SharedCache;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Platform metrics for operators, from Micrometer (system, database pool, HTTP latency per endpoint family) and
 * the analytics rollups (business, all tenants, last 24 hours). Cached for {@code wattos.analytics.metrics-cache}.
 * In production mode (a {@link SharedCache}: Redis) the figures that are the same on every node (business, database
 * size) are computed once per cache period for all nodes, in the shared cache; the node's own figures (heap, CPU,
 * pool, endpoint latencies) are then read fresh on each request (Micrometer reads, cheap). While Redis cannot be
 * reached, each node computes them itself.
 */
@Service
public class SystemMetrics {

    private final MeterRegistry meters;
    private final JdbcClient jdbc;
    private final ExpiringCache<String, Snapshot> cache;

    private final EndpointLatencies latencies;
    private final SharedCache shared;
    private final JsonMapper json;
    private final java.time.Duration ttl;
    private final ExpiringCache<String, ClusterFigures> clusterCache;

    SystemMetrics(MeterRegistry meters, JdbcClient jdbc, AnalyticsProperties properties, EndpointLatencies latencies,
            ObjectProvider<SharedCache> shared, JsonMapper json) {
        this.meters = meters;
        this.latencies = latencies;
        this.jdbc = jdbc;
        this.cache = new ExpiringCache<>(properties.metricsCache(), 4, Clock.systemUTC());
        this.shared = shared.getIfAvailable();
        this.json = json;
        this.ttl = properties.metricsCache();
        this.clusterCache = new ExpiringCache<>(properties.metricsCache(), 1, Clock.systemUTC());
    }

    /** The figures that are the same on every node. */
    record ClusterFigures(long databaseSizeBytes, Map<String, Object> business) {
    }

    public record Snapshot(Instant at, Map<String, Object> system, Map<String, Object> database,
            Map<String, Family> endpoints, Map<String, EndpointLatencies.Latency> endpointLatency,
            Map<String, Object> business, List<String> notes) {
    }

    /** Latency of one endpoint family (first path segments after /api/v1, tenant path collapsed). */
    public record Family(long requests, double meanMs, double maxMs) {
    }

    public Snapshot snapshot() {
        return shared == null || !ttl.isPositive() ? cache.get("platform", this::measure) : measure();
    }

    private ClusterFigures clusterFigures() {
        SharedCache.Lookup seen = shared == null || !ttl.isPositive() ? null : shared.lookup("metrics", "cluster");
        if (seen == null && shared != null && ttl.isPositive()) {
            // Redis unreachable: the node's own cache, as without Redis
            return clusterCache.get("cluster", this::computeClusterFigures);
        }
        if (seen != null && seen.value() != null) {
            try {
                return json.readValue(seen.value(), ClusterFigures.class);
            } catch (JacksonException e) {
                // unreadable (another version wrote it): computed again
            }
        }
        ClusterFigures figures = computeClusterFigures();
        if (seen != null) {
            shared.store("metrics", seen, "cluster", json.writeValueAsString(figures), ttl);
        }
        return figures;
    }

    private Snapshot measure() {
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("heapUsedBytes", sum("jvm.memory.used", "area", "heap"));
        system.put("heapMaxBytes", sum("jvm.memory.max", "area", "heap"));
        system.put("processCpuUsage", gauge("process.cpu.usage"));
        system.put("systemCpuUsage", gauge("system.cpu.usage"));
        system.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        system.put("liveThreads", gauge("jvm.threads.live"));
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("poolActive", gauge("hikaricp.connections.active"));
        database.put("poolIdle", gauge("hikaricp.connections.idle"));
        database.put("poolPending", gauge("hikaricp.connections.pending"));
        database.put("poolMax", gauge("hikaricp.connections.max"));
        ClusterFigures cluster = clusterFigures();
        database.put("sizeBytes", cluster.databaseSizeBytes());
        Map<String, Family> endpoints = new TreeMap<>();
        Map<String, double[]> acc = new TreeMap<>();
        for (Timer t : meters.find("http.server.requests").timers()) {
            String family = family(t.getId().getTag("uri"));
            double[] a = acc.computeIfAbsent(family, f -> new double[3]);
            a[0] += t.count();
            a[1] += t.totalTime(TimeUnit.MILLISECONDS);
            a[2] = Math.max(a[2], t.max(TimeUnit.MILLISECONDS));
        }
        acc.forEach((f, a) -> endpoints.put(f, new Family((long) a[0], a[0] == 0 ? 0 : Math.round(a[1] / a[0] * 10) / 10.0,
                Math.round(a[2] * 10) / 10.0)));
        return new Snapshot(Instant.now(), system, database, endpoints, latencies.platform(), cluster.business(),
                List.of("endpoints: mean and max per endpoint family since start; endpointLatency: p50/p95 per endpoint"
                        + " since start (fixed buckets, exact to the bucket width; streams left out).",
                        "Search index size is not exposed by the knowledge module yet."));
    }

    private ClusterFigures computeClusterFigures() {
        long size = jdbc.sql("select pg_database_size(current_database())").query(Long.class).single();
        Instant since = Instant.now().minus(24, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> business = jdbc.sql("""
                select count(distinct tenant_id), coalesce(sum(conversations), 0), coalesce(sum(answers), 0),
                  coalesce(sum(no_answers), 0), coalesce(sum(input_tokens + output_tokens), 0)
                from analytics_hourly where hour >= :since""").param("since", Timestamp.from(since))
                .query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("activeTenants24h", rs.getLong(1));
                    m.put("conversations24h", rs.getLong(2));
                    m.put("answers24h", rs.getLong(3));
                    m.put("noAnswers24h", rs.getLong(4));
                    m.put("tokens24h", rs.getLong(5));
                    return m;
                }).single();
        return new ClusterFigures(size, business);
    }

    private static String family(String uri) {
        if (uri == null || !uri.startsWith("/api/v1/")) {
            return uri == null ? "other" : uri.startsWith("/actuator") ? "actuator" : "other";
        }
        String[] parts = uri.substring("/api/v1/".length()).split("/");
        if (parts[0].equals("tenants") && parts.length > 2) {
            return "tenants/" + parts[2];
        }
        return parts[0];
    }

    private Double gauge(String name) {
        Gauge g = meters.find(name).gauge();
        return g == null ? null : g.value();
    }

    private Double sum(String name, String tag, String value) {
        var gauges = meters.find(name).tag(tag, value).gauges();
        return gauges.isEmpty() ? null : gauges.stream().mapToDouble(Gauge::value).filter(v -> v >= 0).sum();
    }
}
