package de.wattos.platform.internal.events;

import de.wattos.platform.Ids;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.ModuleEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes through Spring's event multicaster, which Spring Modulith backs with the JDBC publication registry.
 * The registry only records events published inside a transaction, hence the transaction opened here when the
 * caller has none.
 */
@Component
class BusPublisher implements DomainEvents {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    BusPublisher(ApplicationEventPublisher publisher, TransactionTemplate tx, JsonMapper json) {
        this.publisher = publisher;
        this.tx = tx;
        this.json = json;
    }

    @Override
    public void publish(DomainEvent event) {
        tx.executeWithoutResult(s -> publisher.publishEvent(event));
    }

    @Override
    public void publish(ModuleEvent event) {
        DomainEvent envelope = envelope(event);
        tx.executeWithoutResult(s -> {
            publisher.publishEvent(event);
            publisher.publishEvent(envelope);
        });
    }

    DomainEvent envelope(ModuleEvent event) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>(json.convertValue(event, MAP));
        payload.remove("tenantId");
        return new DomainEvent(Ids.newId(), event.tenantId(), event.domain(), event.type(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), DomainEvent.Actor.current(), event.subject(), payload);
    }
}
