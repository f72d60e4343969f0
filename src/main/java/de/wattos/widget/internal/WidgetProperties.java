package de.wattos.widget.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Widget settings ({@code wattos.widget.*}, env {@code WATTOS_WIDGET_*}).
 *
 * @param visitorTokenTtl       lifetime of a visitor token (default 15 minutes)
 * @param visitorTokenRenewal   how long an expired visitor token may still be traded for a new one (same visitor)
 * @param maxMessageLength      longest visitor message in characters
 * @param sessionsPerIpPerHour  visitor sessions one IP address may open per widget and hour
 * @param configCacheSeconds    {@code Cache-Control: max-age} of the public widget configuration
 * @param maxRecordingBytes     largest spoken question a visitor may upload (default 10 MB)
 */
@ConfigurationProperties("wattos.widget")
public record WidgetProperties(
        @DefaultValue("15m") Duration visitorTokenTtl,
        @DefaultValue("12h") Duration visitorTokenRenewal,
        @DefaultValue("4000") int maxMessageLength,
        @DefaultValue("60") int sessionsPerIpPerHour,
        @DefaultValue("60") int configCacheSeconds,
        @DefaultValue("10485760") long maxRecordingBytes) {
}
