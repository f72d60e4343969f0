package de.wattos.avatar;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.util.UUID;

/** An avatar passed validation and joined the tenant's repository (topic {@code avatar.avatar.uploaded}). */
public record AvatarUploaded(UUID tenantId, UUID avatarId, String name, String source) implements ModuleEvent {

    @Override
    public EventDomain domain() {
        return EventDomain.AVATAR;
    }

    @Override
    public String type() {
        return "avatar.uploaded";
    }

    @Override
    public DomainEvent.Subject subject() {
        return DomainEvent.Subject.of("avatar", avatarId);
    }
}
