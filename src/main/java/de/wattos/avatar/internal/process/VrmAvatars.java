package de.wattos.avatar.internal.process;

import de.wattos.avatar.internal.glb.AvatarRejected;
import de.wattos.avatar.internal.glb.Glb;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a VRM avatar (VRoid, VRM 0.x extension {@code VRM} or 1.0 {@code VRMC_vrm}) into what the widget's driver
 * and the validator know from Ready Player Me and Mixamo: the bones its humanoid map names get Mixamo names (the
 * driver frames the {@code Head} and sways the rig), a root {@code Armature} (VRM 0.x, which faces −Z, turned to
 * face the camera like glTF), and the 15 Oculus visemes and the ARKit blinks as morph targets built from the
 * model's own vowel and blink expressions. VRM models carry five mouth shapes (aa, ih, ou, ee, oh), so each viseme
 * borrows the nearest vowel's target (same accessors, no new vertex data); closed-mouth visemes get an all-zero
 * target (an accessor without a buffer view, zero by the glTF specification). Other files pass unchanged.
 */
public final class VrmAvatars {

    /** What was mapped, for the report: the VRM version and the bones and visemes the model gained. */
    public record Mapping(String version, Map<String, String> bones, Map<String, String> visemes) {
    }

    /** A VRM humanoid bone name → the Mixamo name the driver and the validator look for. */
    static final Map<String, String> BONES = orderedMap(
            "hips", "Hips", "spine", "Spine", "chest", "Spine1", "upperChest", "Spine2", "neck", "Neck", "head", "Head",
            "leftEye", "LeftEye", "rightEye", "RightEye", "jaw", "Jaw",
            "leftShoulder", "LeftShoulder", "rightShoulder", "RightShoulder", "leftUpperArm", "LeftArm",
            "rightUpperArm", "RightArm", "leftLowerArm", "LeftForeArm", "rightLowerArm", "RightForeArm",
            "leftHand", "LeftHand", "rightHand", "RightHand", "leftUpperLeg", "LeftUpLeg", "rightUpperLeg", "RightUpLeg",
            "leftLowerLeg", "LeftLeg", "rightLowerLeg", "RightLeg", "leftFoot", "LeftFoot", "rightFoot", "RightFoot",
            "leftToes", "LeftToeBase", "rightToes", "RightToeBase");

    /**
     * Each Oculus viseme → the VRM 1.0 vowel expression nearest in mouth shape (null: lips closed or at rest). The
     * consonants take the vowel their mouth opening resembles: F/V and S/Z and dentals show teeth as in "ih", th/d/n
     * spread as in "ee", k/g open as in "aa", sh/ch round as in "ou", r rounds as in "oh".
     */
    static final Map<String, String> VISEME_VOWELS = orderedMap(
            "viseme_sil", null, "viseme_PP", null, "viseme_FF", "ih", "viseme_TH", "ee", "viseme_DD", "ee",
            "viseme_kk", "aa", "viseme_CH", "ou", "viseme_SS", "ih", "viseme_nn", "ee", "viseme_RR", "oh",
            "viseme_aa", "aa", "viseme_E", "ee", "viseme_I", "ih", "viseme_O", "oh", "viseme_U", "ou");

    /** VRM 0.x preset names of the same expressions. */
    private static final Map<String, String> VRM0_PRESETS = Map.of("a", "aa", "i", "ih", "u", "ou", "e", "ee", "o", "oh",
            "blink", "blink", "blink_l", "blinkLeft", "blink_r", "blinkRight");

    private VrmAvatars() {
    }

    public static boolean isVrm(JsonNode json) {
        return json.path("extensions").has("VRMC_vrm") || json.path("extensions").has("VRM");
    }

    /** A file ready for the validator, and what was mapped if it was a VRM (else null). */
    public record Normalized(byte[] file, Mapping mapping) {
    }

    /** The file with VRM mapped onto the Mixamo/Oculus conventions; any other file as it is. */
    public static Normalized normalize(byte[] file) {
        Glb glb;
        try {
            glb = Glb.parse(file);
        } catch (AvatarRejected e) {
            return new Normalized(file, null); // the validator names what is wrong with it
        }
        return map(glb).map(m -> new Normalized(glb.write(), m)).orElse(new Normalized(file, null));
    }

    /** Maps a parsed VRM in place; empty (and untouched) when it is not a VRM or has no humanoid map. */
    public static Optional<Mapping> map(Glb glb) {
        ObjectNode json = glb.json();
        JsonNode ext = json.path("extensions");
        boolean vrm1 = ext.has("VRMC_vrm");
        if (!vrm1 && !ext.has("VRM")) {
            return Optional.empty();
        }
        Map<String, Integer> humanoid = vrm1 ? humanoid1(ext.path("VRMC_vrm")) : humanoid0(ext.path("VRM"));
        if (humanoid.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<Bind>> expressions = vrm1 ? expressions1(json, ext.path("VRMC_vrm")) : expressions0(ext.path("VRM"));
        Map<String, String> bones = renameBones(json, humanoid);
        wrapInArmature(json, humanoid.get("hips"), !vrm1);
        Map<String, String> visemes = addFaceTargets(glb, expressions);
        return Optional.of(new Mapping(vrm1 ? "1.0" : "0.x", bones, visemes));
    }

    /** A morph target an expression moves: mesh, target index, weight 0–1. */
    record Bind(int mesh, int index, double weight) {
    }

    private static Map<String, Integer> humanoid1(JsonNode vrm) {
        Map<String, Integer> out = new LinkedHashMap<>();
        vrm.path("humanoid").path("humanBones").properties().forEach(e -> {
            int node = e.getValue().path("node").asInt(-1);
            if (node >= 0) {
                out.put(e.getKey(), node);
            }
        });
        return out;
    }

    private static Map<String, Integer> humanoid0(JsonNode vrm) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (JsonNode b : vrm.path("humanoid").path("humanBones")) {
            int node = b.path("node").asInt(-1);
            if (node >= 0 && !b.path("bone").asString("").isEmpty()) {
                out.put(b.path("bone").asString(), node);
            }
        }
        return out;
    }

    private static Map<String, List<Bind>> expressions1(JsonNode json, JsonNode vrm) {
        Map<String, List<Bind>> out = new HashMap<>();
        vrm.path("expressions").path("preset").properties().forEach(e -> {
            List<Bind> binds = new ArrayList<>();
            for (JsonNode b : e.getValue().path("morphTargetBinds")) {
                int mesh = json.path("nodes").path(b.path("node").asInt(-1)).path("mesh").asInt(-1);
                if (mesh >= 0) {
                    binds.add(new Bind(mesh, b.path("index").asInt(-1), b.path("weight").asDouble(1)));
                }
            }
            out.put(e.getKey(), binds);
        });
        return out;
    }

    private static Map<String, List<Bind>> expressions0(JsonNode vrm) {
        Map<String, List<Bind>> out = new HashMap<>();
        for (JsonNode group : vrm.path("blendShapeMaster").path("blendShapeGroups")) {
            String preset = VRM0_PRESETS.get(group.path("presetName").asString("").toLowerCase(java.util.Locale.ROOT));
            if (preset == null) {
                continue;
            }
            List<Bind> binds = new ArrayList<>();
            for (JsonNode b : group.path("binds")) {
                binds.add(new Bind(b.path("mesh").asInt(-1), b.path("index").asInt(-1), b.path("weight").asDouble(100) / 100));
            }
            out.put(preset, binds);
        }
        return out;
    }

    /** Humanoid nodes get Mixamo names; a node that already bore such a name (a mesh called "Head") steps aside. */
    private static Map<String, String> renameBones(ObjectNode json, Map<String, Integer> humanoid) {
        ArrayNode nodes = (ArrayNode) json.path("nodes");
        Map<Integer, String> target = new HashMap<>();
        humanoid.forEach((bone, node) -> {
            String mixamo = BONES.get(bone);
            if (mixamo != null && nodes.get(node) instanceof ObjectNode) {
                target.put(node, mixamo);
            }
        });
        Set<String> taken = new LinkedHashSet<>(target.values());
        for (int i = 0; i < nodes.size(); i++) {
            if (!target.containsKey(i) && nodes.get(i) instanceof ObjectNode n && (taken.contains(n.path("name").asString(""))
                    || n.path("name").asString("").equals("Armature"))) {
                n.put("name", n.path("name").asString() + "_node");
            }
        }
        Map<String, String> renamed = new LinkedHashMap<>();
        target.forEach((node, mixamo) -> {
            ObjectNode n = (ObjectNode) nodes.get(node);
            renamed.put(mixamo, n.path("name").asString("#" + node));
            n.put("name", mixamo);
        });
        return renamed;
    }

    /**
     * Puts the scene's roots under one new {@code Armature} node; for VRM 0.x it turns them 180° about Y, since
     * VRM 0.x models face −Z where glTF (and the driver's camera) expect +Z.
     */
    private static void wrapInArmature(ObjectNode json, Integer hips, boolean turn) {
        ArrayNode nodes = json.withArray("nodes");
        int sceneIndex = json.path("scene").asInt(0);
        JsonNode scenes = json.path("scenes");
        if (!(scenes.path(sceneIndex) instanceof ObjectNode scene) || hips == null) {
            return;
        }
        ObjectNode armature = nodes.addObject();
        armature.put("name", "Armature");
        if (turn) {
            armature.putArray("rotation").add(0).add(1).add(0).add(0);
        }
        ArrayNode children = armature.putArray("children");
        scene.path("nodes").forEach(children::add);
        scene.putArray("nodes").add(nodes.size() - 1);
    }

    /**
     * Appends the 15 visemes and the two ARKit blinks to every mesh an expression moves, each borrowing the target
     * of its vowel (or blink) on that mesh, or an all-zero one; returns which expression each viseme borrowed.
     */
    private static Map<String, String> addFaceTargets(Glb glb, Map<String, List<Bind>> expressions) {
        ObjectNode json = glb.json();
        Map<String, String> faces = new LinkedHashMap<>(VISEME_VOWELS);
        boolean separateBlinks = expressions.containsKey("blinkLeft") && expressions.containsKey("blinkRight");
        faces.put("eyeBlinkLeft", separateBlinks ? "blinkLeft" : "blink");
        // one blink moves both eyes: the driver sets both names at once, so only one may carry it
        faces.put("eyeBlinkRight", separateBlinks ? "blinkRight" : null);
        // the visemes go to the meshes a vowel moves, the blinks to those a blink moves (teeth need no eyelids)
        Map<Integer, Set<String>> facesByMesh = new LinkedHashMap<>();
        for (Map.Entry<String, String> face : faces.entrySet()) {
            List<String> group = face.getKey().startsWith("viseme_") ? List.of("aa", "ih", "ou", "ee", "oh")
                    : List.of("blink", "blinkLeft", "blinkRight");
            for (String expression : group) {
                expressions.getOrDefault(expression, List.of())
                        .forEach(b -> facesByMesh.computeIfAbsent(b.mesh(), m -> new LinkedHashSet<>()).add(face.getKey()));
            }
        }
        Map<String, String> mapped = new LinkedHashMap<>();
        ArrayNode allMeshes = (ArrayNode) json.path("meshes");
        Map<Integer, Integer> zeroByCount = new HashMap<>();
        for (Map.Entry<Integer, Set<String>> entry : facesByMesh.entrySet()) {
            int meshIndex = entry.getKey();
            if (!(allMeshes.path(meshIndex) instanceof ObjectNode mesh)) {
                continue;
            }
            ArrayNode primitives = (ArrayNode) mesh.path("primitives");
            int existing = primitives.path(0).path("targets").size();
            ArrayNode names = names(mesh, existing);
            for (Map.Entry<String, String> face : faces.entrySet()) {
                if (!entry.getValue().contains(face.getKey()) || contains(names, face.getKey())) {
                    continue; // the model has its own
                }
                Bind bind = face.getValue() == null ? null : expressions.getOrDefault(face.getValue(), List.of()).stream()
                        .filter(b -> b.mesh() == meshIndex && b.index() >= 0 && b.index() < existing)
                        .max((a, b) -> Double.compare(a.weight(), b.weight())).orElse(null);
                for (JsonNode p : primitives) {
                    ArrayNode targets = ((ObjectNode) p).withArray("targets");
                    if (bind != null) {
                        targets.add(targets.get(bind.index()).deepCopy());
                    } else {
                        int count = json.path("accessors").path(p.path("attributes").path("POSITION").asInt(-1)).path("count").asInt(0);
                        int zero = zeroByCount.computeIfAbsent(count, c -> zeroAccessor(json, c));
                        ObjectNode target = targets.addObject().put("POSITION", zero);
                        // three.js fills an attribute a target lacks with the mesh's own values, not with zeros
                        for (String attribute : List.of("NORMAL", "TANGENT")) {
                            if (targets.path(0).has(attribute)) {
                                target.put(attribute, zero);
                            }
                        }
                    }
                }
                names.add(face.getKey());
                if (mesh.has("weights")) {
                    ((ArrayNode) mesh.get("weights")).add(0);
                }
                if (bind != null || !mapped.containsKey(face.getKey())) {
                    mapped.put(face.getKey(), bind == null ? "" : face.getValue());
                }
            }
            for (JsonNode p : primitives) {
                // per-primitive names would now disagree with the targets; the mesh's list is the one readers use
                if (p.path("extras") instanceof ObjectNode extras) {
                    extras.remove("targetNames");
                }
            }
        }
        return mapped;
    }

    private static ArrayNode names(ObjectNode mesh, int existing) {
        ObjectNode extras = mesh.path("extras") instanceof ObjectNode e ? e : mesh.putObject("extras");
        ArrayNode names = extras.path("targetNames") instanceof ArrayNode a ? a : extras.putArray("targetNames");
        if (names.isEmpty()) {
            JsonNode fromPrimitive = mesh.path("primitives").path(0).path("extras").path("targetNames");
            fromPrimitive.forEach(n -> names.add(n.asString("")));
        }
        while (names.size() < existing) {
            names.add("target_" + names.size());
        }
        while (names.size() > existing) {
            names.remove(names.size() - 1);
        }
        return names;
    }

    private static boolean contains(ArrayNode names, String name) {
        for (JsonNode n : names) {
            if (name.equals(n.asString(""))) {
                return true;
            }
        }
        return false;
    }

    /** A VEC3 float accessor of {@code count} zeros: without a buffer view it is all zero and costs no bytes. */
    private static int zeroAccessor(ObjectNode json, int count) {
        ArrayNode accessors = json.withArray("accessors");
        ObjectNode a = accessors.addObject();
        a.put("componentType", 5126).put("count", count).put("type", "VEC3");
        a.putArray("min").add(0).add(0).add(0);
        a.putArray("max").add(0).add(0).add(0);
        return accessors.size() - 1;
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
