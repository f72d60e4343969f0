package de.wattos.avatar;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The current tenant's avatars, for other modules (characters hold an {@code avatarId}, the widget serves the file).
 * A null {@code avatarId} means the default avatar WattOS generates itself.
 */
public interface Avatars {

    List<AvatarSummary> list();

    Optional<AvatarSummary> find(UUID avatarId);

    /**
     * The GLB whose textures fit {@code maxTextureSize} (4096, 2048 or 1024; the nearest variant not larger),
     * empty for an unknown id.
     */
    Optional<AvatarFile> file(UUID avatarId, int maxTextureSize);

    /** A small PNG portrait (also the static picture for visitors who prefer reduced motion). */
    Optional<AvatarFile> thumbnail(UUID avatarId);
}
