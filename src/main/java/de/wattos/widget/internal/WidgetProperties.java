package de.wattos.widget.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

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
public record WidgetProperties(Duration visitorTokenTtl, Duration visitorTokenRenewal, Integer maxMessageLength,
        Integer sessionsPerIpPerHour, Integer configCacheSeconds, Long maxRecordingBytes) {

    public WidgetProperties {
        visitorTokenTtl = visitorTokenTtl == null ? Duration.ofMinutes(15) : visitorTokenTtl;
        visitorTokenRenewal = visitorTokenRenewal == null ? Duration.ofHours(12) : visitorTokenRenewal;
        maxMessageLength = maxMessageLength == null ? 4000 : maxMessageLength;
        sessionsPerIpPerHour = sessionsPerIpPerHour == null ? 60 : sessionsPerIpPerHour;
        configCacheSeconds = configCacheSeconds == null ? 60 : configCacheSeconds;
        maxRecordingBytes = maxRecordingBytes == null ? 10L * 1024 * 1024 : maxRecordingBytes;
    }
}
