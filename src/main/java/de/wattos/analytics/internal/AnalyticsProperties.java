package de.wattos.analytics.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Analytics settings ({@code wattos.analytics.*}, env {@code WATTOS_ANALYTICS_*}).
 *
 * @param trendThreshold  relative change (0.05 = 5 %) below which a KPI's trend is {@code stable}
 * @param maxRange        longest period a KPI query may cover (longer: 400)
 * @param maxHourlyRange  longest period for {@code granularity=hour}
 * @param dashboardCache  how long KPI answers are cached
 * @param metricsCache    how long {@code /api/v1/metrics} answers are cached
 * @param retentionInterval how often the retention purge of conversation logs runs
 */
@ConfigurationProperties("wattos.analytics")
public record AnalyticsProperties(Double trendThreshold, Duration maxRange, Duration maxHourlyRange,
        Duration dashboardCache, Duration metricsCache, Duration retentionInterval) {

    public AnalyticsProperties {
        trendThreshold = trendThreshold == null ? 0.05 : trendThreshold;
        maxRange = maxRange == null ? Duration.ofDays(400) : maxRange;
        maxHourlyRange = maxHourlyRange == null ? Duration.ofDays(31) : maxHourlyRange;
        dashboardCache = dashboardCache == null ? Duration.ofMinutes(5) : dashboardCache;
        metricsCache = metricsCache == null ? Duration.ofMinutes(1) : metricsCache;
        retentionInterval = retentionInterval == null ? Duration.ofHours(1) : retentionInterval;
    }
}
