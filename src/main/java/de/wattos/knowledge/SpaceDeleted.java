package de.wattos.knowledge;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.util.UUID;

/**
 * A knowledge space was deleted with its documents; modules that keep things per space (crawl sources, widgets)
 * remove or forget theirs.
 */
public record SpaceDeleted(UUID tenantId, UUID spaceId, String name) implements ModuleEvent {

    @Override
    public EventDomain domain() {
        return EventDomain.KNOWLEDGE;
    }

    @Override
    public String type() {
        return "space.deleted";
    }

    @Override
    public DomainEvent.Subject subject() {
        return DomainEvent.Subject.of("knowledge_space", spaceId);
    }
}
