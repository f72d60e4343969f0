package de.wattos.avatar;

import java.util.UUID;

/** An avatar passed validation and joined the tenant's repository. */
public record AvatarUploaded(UUID tenantId, UUID avatarId, String name, String source) {
}
