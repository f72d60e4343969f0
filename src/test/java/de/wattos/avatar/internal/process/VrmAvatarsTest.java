package de.wattos.avatar.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.avatar.internal.AvatarFixtures;
import de.wattos.avatar.internal.check.AvatarReport;
import de.wattos.avatar.internal.check.AvatarValidator;
import de.wattos.avatar.internal.check.Finding;
import de.wattos.avatar.internal.glb.Glb;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * VRM avatars (as VRoid Studio exports them, 1.0 and 0.x) become what the widget's driver animates: Mixamo bone
 * names under a root Armature, and the 15 Oculus visemes plus the ARKit blinks as morph targets that move the
 * model's own vowel and blink shapes.
 */
class VrmAvatarsTest {

    private final AvatarValidator validator = new AvatarValidator(30L * 1024 * 1024, 8192, 300_000);

    private static String codes(AvatarReport r) {
        return String.join(",", r.errors().stream().map(Finding::code).toList());
    }

    private static List<String> nodeNames(Glb glb) {
        List<String> names = new ArrayList<>();
        glb.array("nodes").forEach(n -> names.add(n.path("name").asString("")));
        return names;
    }

    private static JsonNode meshWith(Glb glb, String target) {
        for (JsonNode mesh : glb.array("meshes")) {
            for (JsonNode n : mesh.path("extras").path("targetNames")) {
                if (n.asString("").equals(target)) {
                    return mesh;
                }
            }
        }
        throw new AssertionError("no mesh has " + target);
    }

    private static int indexOf(JsonNode mesh, String target) {
        JsonNode names = mesh.path("extras").path("targetNames");
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).asString("").equals(target)) {
                return i;
            }
        }
        return -1;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aVroidExportIsRefusedAsItIsAndTalksOnceMapped(boolean version1) {
        byte[] vrm = AvatarFixtures.vrm(version1);
        assertThat(codes(validator.validate(vrm))).as("as exported: VRoid names, five vowels")
                .isEqualTo("bones_missing,visemes_missing");

        VrmAvatars.Normalized n = VrmAvatars.normalize(vrm);
        assertThat(n.mapping()).isNotNull();
        assertThat(n.mapping().version()).isEqualTo(version1 ? "1.0" : "0.x");
        assertThat(n.mapping().bones()).containsEntry("Hips", "J_Bip_C_Hips").containsEntry("Head", "J_Bip_C_Head")
                .containsEntry("Spine2", "J_Bip_C_UpperChest").containsEntry("LeftEye", "J_Adj_L_FaceEye");
        AvatarReport r = validator.validate(n.file());
        assertThat(r.valid()).as(r.errors().toString()).isTrue();
        assertThat(r.visemesFound()).containsExactlyElementsOf(AvatarValidator.VISEMES);
        assertThat(r.bonesMissing()).isEmpty();
        assertThat(r.arkitBlendShapes()).contains("eyeBlinkLeft", "eyeBlinkRight");

        Glb glb = Glb.parse(n.file());
        assertThat(nodeNames(glb)).contains("Armature", "Hips", "Spine", "Spine1", "Spine2", "Neck", "Head", "LeftEye",
                "RightEye", "LeftShoulder", "RightShoulder").doesNotContain("J_Bip_C_Head");
        int scene = glb.json().path("scene").asInt(0);
        JsonNode roots = glb.json().path("scenes").path(scene).path("nodes");
        assertThat(roots).hasSize(1);
        JsonNode armature = glb.array("nodes").get(roots.get(0).asInt());
        assertThat(armature.path("name").asString()).isEqualTo("Armature");
        // VRM 0.x faces −Z; turned half round it faces the camera like glTF and VRM 1.0
        assertThat(armature.has("rotation")).isEqualTo(!version1);

        JsonNode mouth = meshWith(glb, "Fcl_MTH_A");
        JsonNode primitive = mouth.path("primitives").get(0);
        int targets = primitive.path("targets").size();
        assertThat(mouth.path("extras").path("targetNames")).hasSize(targets);
        assertThat(mouth.path("weights")).hasSize(targets);
        // each viseme moves the vowel it resembles: the very same vertex deltas, no copy
        JsonNode all = primitive.path("targets");
        assertThat(all.get(indexOf(mouth, "viseme_aa")).path("POSITION").asInt())
                .isEqualTo(all.get(indexOf(mouth, "Fcl_MTH_A")).path("POSITION").asInt());
        assertThat(all.get(indexOf(mouth, "viseme_kk")).path("POSITION").asInt())
                .isEqualTo(all.get(indexOf(mouth, "Fcl_MTH_A")).path("POSITION").asInt());
        assertThat(all.get(indexOf(mouth, "viseme_U")).path("POSITION").asInt())
                .isEqualTo(all.get(indexOf(mouth, "Fcl_MTH_U")).path("POSITION").asInt());
        assertThat(all.get(indexOf(mouth, "viseme_FF")).path("POSITION").asInt())
                .isEqualTo(all.get(indexOf(mouth, "Fcl_MTH_I")).path("POSITION").asInt());
        // closed lips: a target of zeros (an accessor without data)
        JsonNode closed = glb.json().path("accessors").get(all.get(indexOf(mouth, "viseme_PP")).path("POSITION").asInt());
        assertThat(closed.has("bufferView")).isFalse();
        assertThat(closed.path("count").asInt()).isEqualTo(glb.json().path("accessors")
                .get(primitive.path("attributes").path("POSITION").asInt()).path("count").asInt());

        assertThat(indexOf(mouth, "eyeBlinkLeft")).as("no eyelids on the mouth").isEqualTo(-1);
        JsonNode leftEye = meshWith(glb, "Fcl_EYE_Close_L");
        assertThat(indexOf(leftEye, "viseme_aa")).as("no visemes on the eyes").isEqualTo(-1);
        assertThat(leftEye.path("primitives").get(0).path("targets").get(indexOf(leftEye, "eyeBlinkLeft")).path("POSITION").asInt())
                .isEqualTo(leftEye.path("primitives").get(0).path("targets").get(0).path("POSITION").asInt());

        // the texture variants the widget picks by device are made from the mapped file and still validate
        byte[] variant = TextureVariants.downscale(n.file(), 256);
        assertThat(variant).isNotNull();
        assertThat(validator.validate(variant).valid()).isTrue();
        assertThat(Thumbnailer.render(n.file(), 64)).isNotEmpty();
    }

    @Test
    void aVrmWithoutVowelsOrHeadSaysWhatIsMissing() {
        Glb glb = Glb.parse(AvatarFixtures.vrm(true));
        ObjectNode vrm = (ObjectNode) glb.json().path("extensions").path("VRMC_vrm");
        ((ObjectNode) vrm.path("expressions")).putObject("preset");
        ((ObjectNode) vrm.path("humanoid").path("humanBones")).remove("head");
        VrmAvatars.Normalized n = VrmAvatars.normalize(glb.write());
        AvatarReport r = validator.validate(n.file());
        assertThat(codes(r)).isEqualTo("bones_missing,visemes_missing");
        assertThat(r.bonesMissing()).containsExactly("Head");
    }

    @Test
    void otherFilesPassUntouched() {
        byte[] glb = AvatarFixtures.good(256, 256);
        VrmAvatars.Normalized n = VrmAvatars.normalize(glb);
        assertThat(n.mapping()).isNull();
        assertThat(n.file()).isSameAs(glb);
        byte[] truncated = AvatarFixtures.truncated();
        assertThat(VrmAvatars.normalize(truncated).file()).isSameAs(truncated);
    }
}
