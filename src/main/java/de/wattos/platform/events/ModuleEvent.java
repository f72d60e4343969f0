package de.wattos.platform.events;

import java.util.UUID;

/**
 * A module's own, typed event record (past tense: {@code SpaceDeleted}, {@code CrawlFinished}) that also travels
 * in the {@link DomainEvent} envelope. Published through {@link DomainEvents#publish(ModuleEvent)}: listeners of the
 * record type get the record, topic listeners and the live stream get the envelope, whose payload is the
 * record's fields.
 */
public interface ModuleEvent {

    /** The tenant the event belongs to (null: platform-wide). */
    UUID tenantId();

    EventDomain domain();

    /** The type inside the domain, e.g. {@code space.deleted}. */
    String type();

    DomainEvent.Subject subject();
}
