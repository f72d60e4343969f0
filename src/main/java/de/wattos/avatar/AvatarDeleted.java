package de.wattos.avatar;

import java.util.UUID;

/** An avatar left the repository; whoever holds its id (characters, widgets) falls back to the default avatar. */
public record AvatarDeleted(UUID tenantId, UUID avatarId) {
}
