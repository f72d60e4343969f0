package de.wattos.platform.internal.events;

import de.wattos.platform.NodeRoles;
import de.wattos.platform.events.EventTransport;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the bus healthy: deliveries whose listener threw are retried (Spring Modulith marks them failed and
 * would otherwise wait for the next start), and the event log is cut to its retention window.
 */
@Component
class EventBusMaintenance {

    private static final Logger log = LoggerFactory.getLogger(EventBusMaintenance.class);

    private final FailedEventPublications failed;
    private final EventTransport transport;
    private final EventBusProperties props;
    private final NodeRoles roles;

    EventBusMaintenance(FailedEventPublications failed, EventTransport transport, EventBusProperties props,
            NodeRoles roles) {
        this.roles = roles;
        this.failed = failed;
        this.transport = transport;
        this.props = props;
    }

    @Scheduled(fixedDelayString = "${wattos.events.retry-interval:30s}", initialDelayString = "${wattos.events.retry-interval:30s}")
    void retryFailedDeliveries() {
        if (!roles.runsBackgroundWork()) {
            return; // worker nodes redeliver every node's failed deliveries (the registry is shared)
        }
        try {
            failed.resubmit(ResubmissionOptions.defaults().withMinAge(props.retryMinAge()));
        } catch (RuntimeException e) {
            log.warn("Retrying failed event deliveries failed; next attempt in {}", props.retryInterval(), e);
        }
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
    void pruneEventLog() {
        if (!roles.runsBackgroundWork()) {
            return;
        }
        transport.pruneBefore(Instant.now().minus(props.retention()));
    }
}
