package de.wattos.avatar;

/** Bytes to serve: a GLB ({@code model/gltf-binary}) or a PNG thumbnail; {@code etag} changes with the content. */
public record AvatarFile(byte[] bytes, String contentType, String etag) {
}
