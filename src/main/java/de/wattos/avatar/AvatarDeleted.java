package de.wattos.avatar;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.util.UUID;

/**
 * An avatar left the repository (topic {@code avatar.avatar.deleted}); whoever holds its id (characters, widgets)
 * falls back to the default avatar.
 */
public record AvatarDeleted(UUID tenantId, UUID avatarId, String name) implements ModuleEvent {

    @Override
    public EventDomain domain() {
        return EventDomain.AVATAR;
    }

    @Override
    public String type() {
        return "avatar.deleted";
    }

    @Override
    public DomainEvent.Subject subject() {
        return DomainEvent.Subject.of("avatar", avatarId);
    }
}
