package de.wattos.analytics.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Analytics settings ({@code wattos.analytics.*}, env {@code WATTOS_ANALYTICS_*}).
 *
 * @param trendThreshold  relative change (0.05 = 5 %) below which a KPI's trend is {@code stable}
 * @param maxRange        longest period a KPI query may cover (longer: 400)
 * @param maxHourlyRange  longest period for {@code granularity=hour}
 * @param dashboardCache  how long KPI answers are cached
 * @param metricsCache    how long {@code /api/v1/metrics} answers are cached
 * @param retentionInterval how often the retention purge of conversation logs runs
 * @param liveInterval    at most this often per tenant, consoles are told that its figures changed
 * @param reportMailInterval how often due scheduled reports are looked for (and sent)
 * @param reportMailLease    how long a node's claim on a due report holds; a sending not confirmed by then (the
 *                           node stopped or crashed) is taken again, so it must outlast the SMTP timeouts
 * @param reportMailAttempts failed sendings of one period before it is recorded as failed and skipped
 * @param reportMailStopWait how long a stopping node lets a sending in progress finish
 * @param ingestionWriters   parallel writers of event ingestion, each for its share of the tenants (a tenant's
 *                           events stay in order on one writer)
 */
@ConfigurationProperties("wattos.analytics")
public record AnalyticsProperties(
        @DefaultValue("0.05") double trendThreshold,
        @DefaultValue("400d") Duration maxRange,
        @DefaultValue("31d") Duration maxHourlyRange,
        @DefaultValue("5m") Duration dashboardCache,
        @DefaultValue("1m") Duration metricsCache,
        @DefaultValue("1h") Duration retentionInterval,
        @DefaultValue("2s") Duration liveInterval,
        @DefaultValue("1m") Duration reportMailInterval,
        @DefaultValue("5m") Duration reportMailLease,
        @DefaultValue("3") int reportMailAttempts,
        @DefaultValue("20s") Duration reportMailStopWait,
        @DefaultValue("2") int ingestionWriters) {
}
