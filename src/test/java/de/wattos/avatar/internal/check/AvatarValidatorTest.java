package de.wattos.avatar.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.avatar.internal.AvatarFixtures;
import de.wattos.avatar.internal.process.DefaultAvatar;
import de.wattos.avatar.internal.process.TextureVariants;
import de.wattos.avatar.internal.process.Thumbnailer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class AvatarValidatorTest {

    private final AvatarValidator validator = new AvatarValidator(30L * 1024 * 1024, 8192, 300_000);

    private static String codes(AvatarReport r) {
        return String.join(",", r.errors().stream().map(Finding::code).toList());
    }

    @Test
    void theGeneratedDefaultAvatarIsAValidTalkingHead() {
        AvatarReport r = validator.validate(DefaultAvatar.glb());
        assertThat(r.errors()).isEmpty();
        assertThat(r.visemesFound()).containsExactlyElementsOf(AvatarValidator.VISEMES);
        assertThat(r.arkitBlendShapes()).containsExactly("eyeBlinkLeft", "eyeBlinkRight");
        assertThat(r.triangles()).isBetween(1000L, 20_000L);
    }

    @Test
    void aGoodAvatarReportsItsTextureFromTheHeader() {
        AvatarReport r = validator.validate(AvatarFixtures.good(1024, 512));
        assertThat(r.valid()).as(r.errors().toString()).isTrue();
        assertThat(r.textures()).singleElement().satisfies(t -> {
            assertThat(t.format()).isEqualTo("png");
            assertThat(t.width()).isEqualTo(1024);
            assertThat(t.height()).isEqualTo(512);
        });
    }

    @Test
    void missingVisemesAreNamed() {
        AvatarReport r = validator.validate(AvatarFixtures.missingVisemes());
        assertThat(codes(r)).isEqualTo("visemes_missing");
        assertThat(r.visemesMissing()).containsExactly("viseme_aa", "viseme_U");
        assertThat(r.errors().getFirst().message()).contains("viseme_aa, viseme_U");
        assertThat(r.arkitBlendShapes()).contains("mouthSmileLeft", "jawOpen");
    }

    @Test
    void missingBonesAreNamed() {
        AvatarReport r = validator.validate(AvatarFixtures.missingBones());
        assertThat(codes(r)).isEqualTo("bones_missing");
        assertThat(r.bonesMissing()).containsExactly("Armature", "Neck");
    }

    @Test
    void anOversizedTextureIsRefusedFromItsHeaderAlone() {
        AvatarReport r = validator.validate(AvatarFixtures.oversizedTexture());
        assertThat(codes(r)).isEqualTo("texture_too_large");
        assertThat(r.errors().getFirst().message()).contains("16384×16384").contains("8192");
    }

    @Test
    void meshoptIsRefusedWithAWayOut() {
        AvatarReport r = validator.validate(AvatarFixtures.meshopt());
        assertThat(codes(r)).isEqualTo("meshopt_unsupported");
        assertThat(r.errors().getFirst().message()).contains("EXT_meshopt_compression").contains("export it again");
    }

    @Test
    void aTruncatedFileSaysSo() {
        AvatarReport r = validator.validate(AvatarFixtures.truncated());
        assertThat(codes(r)).isEqualTo("truncated");
        assertThat(r.errors().getFirst().message()).contains("declares");
    }

    @Test
    void declaredSizesBeyondTheDataAreRefused() {
        AvatarReport r = validator.validate(AvatarFixtures.zipBombLike());
        assertThat(codes(r)).contains("declared_size_mismatch");
        assertThat(r.errors()).extracting(Finding::message).anyMatch(m -> m.contains("100000000 elements"));
    }

    @Test
    void tooLargeAndNonGlbFiles() {
        assertThat(codes(new AvatarValidator(1000, 8192, 10).validate(AvatarFixtures.good(64, 64)))).isEqualTo("too_large");
        assertThat(codes(validator.validate("{\"asset\":{\"version\":\"2.0\"}}".getBytes()))).isEqualTo("not_glb");
        assertThat(codes(validator.validate(new byte[] {'g', 'l', 'T', 'F', 1, 0, 0, 0, 20, 0, 0, 0}))).isEqualTo("not_gltf2");
        assertThat(codes(validator.validate(new byte[3]))).isEqualTo("not_glb");
    }

    @Test
    void downscaledVariantsReValidateWithSmallerTextures() throws Exception {
        byte[] original = AvatarFixtures.good(4500, 300);
        assertThat(validator.validate(original).largestTexture()).isEqualTo(4500);
        for (int cap : new int[] {4096, 2048, 1024}) {
            byte[] variant = TextureVariants.downscale(original, cap);
            AvatarReport r = validator.validate(variant);
            assertThat(r.valid()).as("variant %d: %s", cap, r.errors()).isTrue();
            assertThat(r.largestTexture()).isEqualTo(cap);
            assertThat(r.visemesFound()).hasSize(15);
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(
                    de.wattos.avatar.internal.glb.Glb.parse(variant).view(
                            de.wattos.avatar.internal.glb.Glb.parse(variant).array("images").get(0).path("bufferView").asInt())));
            assertThat(decoded.getWidth()).isEqualTo(cap);
            assertThat(variant.length).isLessThan(original.length + 1);
        }
        assertThat(TextureVariants.downscale(AvatarFixtures.good(512, 512), 1024)).as("nothing to shrink").isNull();
    }

    @Test
    void theThumbnailShowsTheFace() throws Exception {
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(Thumbnailer.render(DefaultAvatar.glb(), 256)));
        assertThat(thumb.getWidth()).isEqualTo(256);
        int opaque = 0;
        for (int y = 0; y < 256; y += 4) {
            for (int x = 0; x < 256; x += 4) {
                opaque += (thumb.getRGB(x, y) >>> 24) == 0xff ? 1 : 0;
            }
        }
        assertThat(opaque).as("the avatar covers part of the picture").isBetween(400, 3800);
    }

    @Test
    void aRealOutsideModelIsRefusedWithEveryReason() throws Exception {
        Path robot = Path.of(System.getProperty("wattos.evaldata", "../shared/evaldata"), "avatars", "RobotExpressive.glb");
        Assumptions.assumeTrue(Files.exists(robot), "evaldata not present: " + robot);
        AvatarReport r = validator.validate(Files.readAllBytes(robot));
        assertThat(r.errors()).extracting(Finding::code)
                .containsExactly("meshopt_unsupported", "bones_missing", "visemes_missing");
        assertThat(r.errors().get(2).message()).contains("Angry, Surprised, Sad");
    }
}
