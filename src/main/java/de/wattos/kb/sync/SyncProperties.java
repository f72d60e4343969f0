package de.wattos.kb.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wattos.kb.sync.*}: the outbox worker. It delivers right after each approval and, for retries and anything
 * left behind, every {@code interval}; {@code batch-size} items per request; a failed batch is retried after
 * {@code backoff-base} × 2^(attempt−1) (at most {@code backoff-max}) until {@code max-attempts}, then dead-lettered.
 * {@code lease}: how long a claimed batch is reserved for the node delivering it (a node that dies mid-batch leaves
 * it to be delivered again after the lease). {@code parallel-per-tenant}: batches of one tenant in flight at once;
 * tenants never wait for each other.
 */
@ConfigurationProperties("wattos.kb.sync")
public record SyncProperties(
        @DefaultValue("6h") Duration interval,
        @DefaultValue("10") int batchSize,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("30s") Duration backoffBase,
        @DefaultValue("1h") Duration backoffMax,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("20s") Duration requestTimeout,
        @DefaultValue("3") int parallelPerTenant) {
}
