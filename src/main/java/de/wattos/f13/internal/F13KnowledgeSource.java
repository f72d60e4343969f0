package de.wattos.f13.internal;

import de.wattos.knowledge.ExternalKnowledgeSource;
import de.wattos.knowledge.ExternalPassage;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantMetricLabels;
import de.wattos.platform.TenantRef;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * F13's {@code POST /rag/database} as a retrieval source of the ask path: asked only for a tenant whose own F13
 * connection has {@code ragEnabled}, bounded by its {@code ragTimeoutMs} (Keycloak included). F13 slow, down or
 * answering garbage yields no passages; every lookup is counted ({@code wattos.f13.rag}, outcome {@code ok},
 * {@code failed}, {@code timeout}) and a failure logged with its reason. The connection is read from the database
 * at most every {@link #CONNECTION_TTL_NANOS} per tenant (at once after a change on this instance), so a tenant
 * without F13 costs no query per question.
 */
@Component
class F13KnowledgeSource implements ExternalKnowledgeSource {

    static final String ORIGIN = "f13";
    private static final Logger log = LoggerFactory.getLogger(F13KnowledgeSource.class);
    private static final long CONNECTION_TTL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record Cached(Optional<F13Settings.Connection> connection, long saves, long loadedNanos) {
    }

    private final F13Settings settings;
    private final F13Client client;
    private final MeterRegistry meters;
    private final TenantMetricLabels labels;
    private final ConcurrentHashMap<UUID, Cached> connections = new ConcurrentHashMap<>();

    F13KnowledgeSource(F13Settings settings, F13Client client, ObjectProvider<MeterRegistry> meters,
            TenantMetricLabels labels) {
        this.settings = settings;
        this.client = client;
        this.meters = meters.getIfAvailable(() -> Metrics.globalRegistry);
        this.labels = labels;
    }

    @Override
    public Optional<Duration> timeout() {
        return enabled().map(c -> Duration.ofMillis(Math.max(c.ragTimeoutMs(), 1)));
    }

    @Override
    public List<ExternalPassage> find(String question, int max, Duration timeout) {
        TenantRef tenant = TenantContext.current();
        Optional<F13Settings.Connection> connection = enabled();
        if (connection.isEmpty()) {
            return List.of();
        }
        F13Settings.Connection c = connection.get();
        CompletableFuture<F13Wire.RagAnswer> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("f13-rag").start(() -> {
            try {
                answer.complete(client.ragSearch(c, question, Math.max(1, Math.min(max, 20)), timeout));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            List<ExternalPassage> passages = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS).sources().stream()
                    .limit(max).map(s -> new ExternalPassage(ORIGIN, s.title(), s.url(), s.text())).toList();
            count(tenant, "ok");
            return passages;
        } catch (TimeoutException e) {
            answer.cancel(true);
            timedOut(tenant, timeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof F13Client.F13Failure f && f.timedOut()) {
                // the HTTP client's own timeout (the same length) can fire a moment before ours: still a timeout
                timedOut(tenant, timeout);
                return List.of();
            }
            count(tenant, "failed");
            String reason = e.getCause() instanceof F13Client.F13Failure f ? f.getMessage() : String.valueOf(e.getCause());
            log.warn("F13 retrieval for tenant {} failed: {}; answering without it", tenant.slug(), reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            count(tenant, "timeout");
        }
        return List.of();
    }

    /** The current tenant's connection when it has retrieval enabled. */
    private Optional<F13Settings.Connection> enabled() {
        UUID tenant = TenantContext.currentId();
        long saves = settings.saves();
        long now = System.nanoTime();
        Cached cached = connections.get(tenant);
        if (cached == null || cached.saves() != saves || now - cached.loadedNanos() > CONNECTION_TTL_NANOS) {
            cached = new Cached(settings.find(), saves, now);
            connections.put(tenant, cached);
        }
        return cached.connection().filter(F13Settings.Connection::ragEnabled);
    }

    private void timedOut(TenantRef tenant, Duration timeout) {
        count(tenant, "timeout");
        log.warn("F13 retrieval for tenant {}: no answer within {} ms; answering without it", tenant.slug(),
                timeout.toMillis());
    }

    private void count(TenantRef tenant, String outcome) {
        meters.counter("wattos.f13.rag", "outcome", outcome, "tenant", labels.of(tenant)).increment();
    }
}
