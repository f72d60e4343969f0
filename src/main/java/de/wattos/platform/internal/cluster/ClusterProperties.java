package de.wattos.platform.internal.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How instances keep per-instance state in step ({@code wattos.cluster.*}, env {@code WATTOS_CLUSTER_*}).
 *
 * @param feedPollInterval how often a follower reads the change feed when no signal woke it
 * @param feedGapWait      how long a follower waits for a missing sequence number (a change committed late) before
 *                         moving past it
 * @param feedRetention    how long recorded changes are kept (a node down for longer rebuilds from PostgreSQL on
 *                         start anyway)
 */
@ConfigurationProperties("wattos.cluster")
public record ClusterProperties(@DefaultValue("1s") Duration feedPollInterval, @DefaultValue("10s") Duration feedGapWait,
        @DefaultValue("1d") Duration feedRetention) {
}
