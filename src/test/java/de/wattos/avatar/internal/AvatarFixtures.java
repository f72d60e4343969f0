package de.wattos.avatar.internal;

import de.wattos.avatar.internal.glb.Glb;
import de.wattos.avatar.internal.process.DefaultAvatar;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated GLB files for the validator and processor: the default avatar (built with jgltf's builder) with a real
 * PNG texture, and the same file broken in one way each.
 */
public final class AvatarFixtures {

    private AvatarFixtures() {
    }

    /** A valid avatar whose texture is {@code width}×{@code height} pixels (a real, decodable PNG). */
    public static byte[] good(int width, int height) {
        Glb glb = Glb.parse(DefaultAvatar.glb());
        addTexture(glb, png(width, height));
        return glb.write();
    }

    public static byte[] missingVisemes() {
        Glb glb = Glb.parse(good(512, 512));
        for (var mesh : glb.array("meshes")) {
            var names = ((ObjectNode) mesh).path("extras").path("targetNames");
            if (names.isArray() && names.size() == 15) {
                var array = (tools.jackson.databind.node.ArrayNode) names;
                array.remove(14); // viseme_U
                array.remove(10); // viseme_aa
                array.add("mouthSmileLeft");
                array.add("jawOpen");
            }
        }
        return glb.write();
    }

    public static byte[] missingBones() {
        Glb glb = Glb.parse(good(512, 512));
        for (var node : glb.array("nodes")) {
            String name = node.path("name").asString("");
            if (name.equals("Armature") || name.equals("Neck")) {
                ((ObjectNode) node).put("name", name.equals("Armature") ? "Root" : "Bone.003");
            }
        }
        return glb.write();
    }

    /** A texture whose PNG header claims 16384×16384 (a gigabyte once decoded) in a few hundred bytes. */
    public static byte[] oversizedTexture() {
        Glb glb = Glb.parse(DefaultAvatar.glb());
        byte[] png = png(64, 64);
        ByteBuffer.wrap(png).putInt(16, 16384).putInt(20, 16384);
        fixCrc(png);
        addTexture(glb, png);
        return glb.write();
    }

    public static byte[] meshopt() {
        Glb glb = Glb.parse(good(256, 256));
        glb.json().putArray("extensionsUsed").add("EXT_meshopt_compression");
        glb.json().putArray("extensionsRequired").add("EXT_meshopt_compression");
        return glb.write();
    }

    public static byte[] truncated() {
        byte[] file = good(256, 256);
        return Arrays.copyOf(file, file.length * 2 / 3);
    }

    /** Accessors that claim a hundred million vertices in a file of kilobytes. */
    public static byte[] zipBombLike() {
        Glb glb = Glb.parse(good(256, 256));
        ((ObjectNode) glb.array("accessors").get(0)).put("count", 100_000_000);
        ((ObjectNode) glb.array("buffers").get(0)).put("byteLength", 4_000_000_000L);
        return glb.write();
    }

    /** How VRoid Studio names the bones WattOS's generator calls by their Mixamo names. */
    static final java.util.Map<String, String[]> VROID_BONES = java.util.Map.of(
            "Hips", new String[] {"hips", "J_Bip_C_Hips"}, "Spine", new String[] {"spine", "J_Bip_C_Spine"},
            "Spine1", new String[] {"chest", "J_Bip_C_Chest"}, "Spine2", new String[] {"upperChest", "J_Bip_C_UpperChest"},
            "Neck", new String[] {"neck", "J_Bip_C_Neck"}, "Head", new String[] {"head", "J_Bip_C_Head"},
            "LeftEye", new String[] {"leftEye", "J_Adj_L_FaceEye"}, "RightEye", new String[] {"rightEye", "J_Adj_R_FaceEye"},
            "LeftShoulder", new String[] {"leftShoulder", "J_Bip_L_Shoulder"},
            "RightShoulder", new String[] {"rightShoulder", "J_Bip_R_Shoulder"});
    /** VRoid's mouth shapes for the five vowels, by the Oculus viseme the generator gives that shape. */
    static final java.util.Map<String, String[]> VROID_VOWELS = java.util.Map.of(
            "viseme_aa", new String[] {"aa", "a", "Fcl_MTH_A"}, "viseme_I", new String[] {"ih", "i", "Fcl_MTH_I"},
            "viseme_U", new String[] {"ou", "u", "Fcl_MTH_U"}, "viseme_E", new String[] {"ee", "e", "Fcl_MTH_E"},
            "viseme_O", new String[] {"oh", "o", "Fcl_MTH_O"});

    /**
     * A VRM avatar as VRoid Studio exports it (version 1.0: extension {@code VRMC_vrm}; 0.x: {@code VRM}): the
     * generated head with VRoid's bone names and no {@code Armature}, only the five vowel mouth shapes (the other
     * visemes renamed away, as VRM has none) and blink shapes, and the humanoid map and expressions that name them.
     */
    public static byte[] vrm(boolean version1) {
        Glb glb = Glb.parse(good(512, 512));
        ObjectNode json = glb.json();
        var nodes = glb.array("nodes");
        java.util.Map<String, Integer> humanoid = new java.util.LinkedHashMap<>();
        int mouthNode = -1;
        int mouthMesh = -1;
        java.util.Map<String, Integer> eyeNodes = new java.util.HashMap<>();
        java.util.Map<String, Integer> eyeMeshes = new java.util.HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            ObjectNode node = (ObjectNode) nodes.get(i);
            String name = node.path("name").asString("");
            if (name.equals("Armature")) {
                node.put("name", "Root");
            } else if (VROID_BONES.containsKey(name)) {
                humanoid.put(VROID_BONES.get(name)[0], i);
                node.put("name", VROID_BONES.get(name)[1]);
            }
            if (node.has("mesh")) {
                int mesh = node.path("mesh").asInt();
                var names = json.path("meshes").path(mesh).path("extras").path("targetNames");
                for (var n : names) {
                    if (n.asString("").equals("viseme_aa")) {
                        mouthNode = i;
                        mouthMesh = mesh;
                    } else if (n.asString("").startsWith("eyeBlink")) {
                        eyeNodes.put(n.asString(), i);
                        eyeMeshes.put(n.asString(), mesh);
                    }
                }
            }
        }
        java.util.Map<String, Integer> vowelIndex = new java.util.HashMap<>();
        for (var mesh : glb.array("meshes")) {
            if (!(mesh.path("extras").path("targetNames") instanceof tools.jackson.databind.node.ArrayNode names)) {
                continue;
            }
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).asString("");
                if (VROID_VOWELS.containsKey(name)) {
                    vowelIndex.put(name, i);
                    names.set(i, json.stringNode(VROID_VOWELS.get(name)[2]));
                } else if (name.startsWith("viseme_")) {
                    names.set(i, json.stringNode("Fcl_MTH_Extra" + i));
                } else if (name.equals("eyeBlinkLeft") || name.equals("eyeBlinkRight")) {
                    names.set(i, json.stringNode(name.endsWith("Left") ? "Fcl_EYE_Close_L" : "Fcl_EYE_Close_R"));
                }
            }
        }
        ObjectNode extensions = json.putObject("extensions");
        if (version1) {
            json.putArray("extensionsUsed").add("VRMC_vrm");
            ObjectNode vrm = extensions.putObject("VRMC_vrm");
            vrm.put("specVersion", "1.0");
            vrm.putObject("meta").put("name", "Lotte (VRM)").put("licenseUrl", "https://vrm.dev/licenses/1.0/");
            ObjectNode bones = vrm.putObject("humanoid").putObject("humanBones");
            humanoid.forEach((bone, node) -> bones.putObject(bone).put("node", node));
            ObjectNode preset = vrm.putObject("expressions").putObject("preset");
            for (var e : VROID_VOWELS.entrySet()) {
                preset.putObject(e.getValue()[0]).putArray("morphTargetBinds").addObject().put("node", mouthNode)
                        .put("index", vowelIndex.get(e.getKey())).put("weight", 1.0);
            }
            preset.putObject("blinkLeft").putArray("morphTargetBinds").addObject().put("node", eyeNodes.get("eyeBlinkLeft"))
                    .put("index", 0).put("weight", 1.0);
            preset.putObject("blinkRight").putArray("morphTargetBinds").addObject().put("node", eyeNodes.get("eyeBlinkRight"))
                    .put("index", 0).put("weight", 1.0);
        } else {
            json.putArray("extensionsUsed").add("VRM");
            ObjectNode vrm = extensions.putObject("VRM");
            vrm.put("exporterVersion", "UniVRM-0.99.0").put("specVersion", "0.0");
            var bones = vrm.putObject("humanoid").putArray("humanBones");
            humanoid.forEach((bone, node) -> bones.addObject().put("bone", bone).put("node", node).put("useDefaultValues", true));
            var groups = vrm.putObject("blendShapeMaster").putArray("blendShapeGroups");
            for (var e : VROID_VOWELS.entrySet()) {
                groups.addObject().put("name", e.getValue()[1].toUpperCase(java.util.Locale.ROOT)).put("presetName", e.getValue()[1])
                        .putArray("binds").addObject().put("mesh", mouthMesh).put("index", vowelIndex.get(e.getKey())).put("weight", 100);
            }
            var blink = groups.addObject().put("name", "Blink").put("presetName", "blink").putArray("binds");
            blink.addObject().put("mesh", eyeMeshes.get("eyeBlinkLeft")).put("index", 0).put("weight", 100);
            blink.addObject().put("mesh", eyeMeshes.get("eyeBlinkRight")).put("index", 0).put("weight", 100);
        }
        return glb.write();
    }

    private static void addTexture(Glb glb, byte[] png) {
        int view = glb.appendView(png);
        glb.json().withArray("images").addObject().put("bufferView", view).put("mimeType", "image/png").put("name", "skin");
        glb.json().withArray("textures").addObject().put("source", glb.array("images").size() - 1);
        ObjectNode material = (ObjectNode) glb.array("materials").get(0);
        material.withObject("pbrMetallicRoughness").putObject("baseColorTexture").put("index", glb.array("textures").size() - 1);
    }

    public static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(240, 200, 170), width, height, new Color(200, 150, 120)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void fixCrc(byte[] png) {
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17); // "IHDR" + 13 data bytes
        ByteBuffer.wrap(png).putInt(29, (int) crc.getValue());
    }
}
