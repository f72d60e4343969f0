package de.wattos.avatar.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wattos.avatar.*} (env {@code WATTOS_AVATAR_*}).
 *
 * @param maxUploadBytes  largest GLB accepted (upload or import)
 * @param maxTexture      longest texture edge accepted; larger textures are refused, smaller ones get variants
 * @param maxTriangles    most triangles an avatar may have (the widget must stay fluid on phones)
 */
@ConfigurationProperties("wattos.avatar")
public record AvatarProperties(Long maxUploadBytes, Integer maxTexture, Long maxTriangles) {

    public AvatarProperties {
        maxUploadBytes = maxUploadBytes == null ? 30L * 1024 * 1024 : maxUploadBytes;
        maxTexture = maxTexture == null ? 8192 : maxTexture;
        maxTriangles = maxTriangles == null ? 300_000L : maxTriangles;
    }
}
