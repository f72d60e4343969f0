package de.wattos.platform.internal.events;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventTransport;
import de.wattos.platform.internal.cluster.RedisMode;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Appends every event to the database's event log for live subscribers, inside the publishing transaction just
 * before it commits: the event is logged exactly when its change commits, on the connection the publisher already
 * holds (an append in a transaction of its own after the commit made every publishing request hold two pooled
 * connections at once, which starved the pool under load). Runs first among the before-commit writers, see
 * {@link #ORDER}. With the log on Redis, {@link EventLogRelay} appends instead.
 */
@Component
@Conditional(RedisMode.Off.class)
class EventLogWriter {

    /**
     * Before the audit trail's writers: the log's lock is then always taken before any audit chain lock, so two
     * committing transactions can never wait for each other's locks.
     */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    private final EventTransport transport;

    EventLogWriter(EventTransport transport) {
        this.transport = transport;
    }

    @TransactionalEventListener(id = "platform.event-log", phase = TransactionPhase.BEFORE_COMMIT)
    @Order(ORDER)
    void on(DomainEvent event) {
        transport.append(event);
    }
}
