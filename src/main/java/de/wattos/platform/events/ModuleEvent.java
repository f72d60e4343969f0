package de.wattos.platform.events;

import java.util.UUID;

/**
 * A module's own, typed event record (past tense: {@code SpaceDeleted}, {@code CrawlFinished}) that also travels
 * in the {@link DomainEvent} envelope. Published through {@link DomainEvents#publish(ModuleEvent)}: listeners of the
 * record type get the record, topic listeners and the live stream get the envelope, whose payload is the
 * record's fields.
 *
 * <pre>
 * public record SpaceDeleted(UUID tenantId, UUID spaceId, String name) implements ModuleEvent {
 *     public Header header() {
 *         return new Header(EventDomain.KNOWLEDGE, "space.deleted", Subject.of("knowledge_space", spaceId));
 *     }
 * }
 * </pre>
 */
public interface ModuleEvent {

    /** What the envelope says about the event besides its payload. {@code type} as in {@link DomainEvent#type()}. */
    record Header(EventDomain domain, String type, DomainEvent.Subject subject) {
    }

    /** The tenant the event belongs to (null: platform-wide). */
    UUID tenantId();

    Header header();
}
