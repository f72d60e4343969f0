package de.wattos.platform.internal.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event bus settings ({@code wattos.events.*}, env {@code WATTOS_EVENTS_*}).
 *
 * @param retention          how long the event log keeps events for {@code Last-Event-ID} resumption
 * @param pingInterval       SSE keep-alive comment interval (at most 10 s keeps proxies from closing the stream)
 * @param pollInterval       how often a live stream looks for events appended by other instances
 * @param maxStreamDuration  a stream ends after this long; clients reconnect with {@code Last-Event-ID}
 * @param retryInterval      how often failed listener deliveries are retried
 * @param retryMinAge        a failed delivery waits at least this long before its retry
 */
@ConfigurationProperties("wattos.events")
public record EventBusProperties(@DefaultValue("7d") Duration retention, @DefaultValue("10s") Duration pingInterval,
        @DefaultValue("2s") Duration pollInterval, @DefaultValue("30m") Duration maxStreamDuration,
        @DefaultValue("30s") Duration retryInterval, @DefaultValue("5s") Duration retryMinAge) {
}
