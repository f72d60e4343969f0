package de.wattos.platform.internal.events;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventTransport;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Appends every committed event to the transport's log for live subscribers. A registered (durable) listener:
 * an event whose append was cut short by a crash is appended on the next start; appends are idempotent.
 * Synchronous after the commit, so a subscriber sees the event as soon as the change is visible.
 */
@Component
class EventLogWriter {

    private final EventTransport transport;

    EventLogWriter(EventTransport transport) {
        this.transport = transport;
    }

    @TransactionalEventListener(id = "platform.event-log")
    void on(DomainEvent event) {
        transport.append(event);
    }
}
