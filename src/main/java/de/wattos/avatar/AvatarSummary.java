package de.wattos.avatar;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An avatar in the repository. {@code arkitBlendShapes} counts the ARKit face shapes found (0–52);
 * {@code largestTexture} is the longest texture edge of the original; {@code variants} the texture caps available.
 */
public record AvatarSummary(UUID id, String name, String source, long sizeBytes, int visemes, int arkitBlendShapes,
        int largestTexture, List<Integer> variants, List<String> warnings, Instant createdAt) {

    public AvatarSummary {
        variants = List.copyOf(variants);
        warnings = List.copyOf(warnings);
    }
}
