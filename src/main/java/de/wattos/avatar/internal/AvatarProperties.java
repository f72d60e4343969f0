package de.wattos.avatar.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wattos.avatar.*} (env {@code WATTOS_AVATAR_*}).
 *
 * @param maxUploadBytes  largest GLB accepted (upload or import)
 * @param maxTexture      longest texture edge accepted; larger textures are refused, smaller ones get variants
 * @param maxTriangles    most triangles an avatar may have (the widget must stay fluid on phones)
 */
@ConfigurationProperties("wattos.avatar")
public record AvatarProperties(
        @DefaultValue("31457280") long maxUploadBytes,
        @DefaultValue("8192") int maxTexture,
        @DefaultValue("300000") long maxTriangles) {
}
