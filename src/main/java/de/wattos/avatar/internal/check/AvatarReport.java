package de.wattos.avatar.internal.check;

import java.util.List;

/**
 * What the validator found. {@code errors} make the file unusable as an avatar; {@code warnings} do not.
 * {@code visemesMissing} lists the Oculus visemes without a morph target; {@code arkitBlendShapes} the ARKit face
 * shapes present; {@code textures} the sizes read from the image headers.
 */
public record AvatarReport(boolean valid, List<Finding> errors, List<Finding> warnings, long sizeBytes,
        List<String> visemesFound, List<String> visemesMissing, List<String> bonesMissing, List<String> arkitBlendShapes,
        List<Texture> textures, long triangles) {

    public record Texture(int image, String format, int width, int height) {
    }

    public int largestTexture() {
        return textures.stream().mapToInt(t -> Math.max(t.width(), t.height())).max().orElse(0);
    }
}
