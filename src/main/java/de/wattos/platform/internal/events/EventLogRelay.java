package de.wattos.platform.internal.events;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventTransport;
import de.wattos.platform.internal.cluster.RedisMode;
import org.springframework.context.annotation.Conditional;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Production mode: the event log lives on Redis, which cannot join the database transaction, so an event is appended
 * only after its change committed, by a durable listener (publication registry: an append cut short by a crash or a
 * Redis outage is retried; appends are idempotent by event id). It runs on the listener executor, never on the
 * publishing request's thread, so no request holds a second pooled connection for it.
 */
@Component
@Conditional(RedisMode.On.class)
class EventLogRelay {

    private final EventTransport transport;

    EventLogRelay(EventTransport transport) {
        this.transport = transport;
    }

    @ApplicationModuleListener(id = "platform.event-log")
    void on(DomainEvent event) {
        transport.append(event);
    }
}
