package de.wattos.avatar.internal.check;

import de.wattos.avatar.internal.glb.AvatarRejected;
import de.wattos.avatar.internal.glb.Glb;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks that a GLB can be a talking avatar: glTF 2.0, self-contained, no compression the widget cannot decode
 * (meshopt, Draco, WebP, Basis), declared sizes that match the data (no "zip bomb" of accessors or buffers larger
 * than the file), textures of sane size (read from the image headers), a TalkingHead-compatible rig (root
 * {@code Armature}, Mixamo/Ready Player Me bone names) and the 15 Oculus viseme morph targets. ARKit blend shapes
 * are reported, not required.
 */
public final class AvatarValidator {

    public static final List<String> VISEMES = List.of("viseme_sil", "viseme_PP", "viseme_FF", "viseme_TH", "viseme_DD",
            "viseme_kk", "viseme_CH", "viseme_SS", "viseme_nn", "viseme_RR", "viseme_aa", "viseme_E", "viseme_I",
            "viseme_O", "viseme_U");
    /** The bones a head-and-shoulders avatar is driven by (Mixamo names; {@code mixamorig:} prefixes allowed). */
    public static final List<String> REQUIRED_BONES = List.of("Hips", "Spine", "Neck", "Head");
    static final List<String> RECOMMENDED_BONES = List.of("Spine1", "Spine2", "LeftEye", "RightEye", "LeftShoulder",
            "RightShoulder", "LeftArm", "RightArm");
    public static final List<String> ARKIT = List.of("browDownLeft", "browDownRight", "browInnerUp", "browOuterUpLeft",
            "browOuterUpRight", "cheekPuff", "cheekSquintLeft", "cheekSquintRight", "eyeBlinkLeft", "eyeBlinkRight",
            "eyeLookDownLeft", "eyeLookDownRight", "eyeLookInLeft", "eyeLookInRight", "eyeLookOutLeft", "eyeLookOutRight",
            "eyeLookUpLeft", "eyeLookUpRight", "eyeSquintLeft", "eyeSquintRight", "eyeWideLeft", "eyeWideRight",
            "jawForward", "jawLeft", "jawOpen", "jawRight", "mouthClose", "mouthDimpleLeft", "mouthDimpleRight",
            "mouthFrownLeft", "mouthFrownRight", "mouthFunnel", "mouthLeft", "mouthLowerDownLeft", "mouthLowerDownRight",
            "mouthPressLeft", "mouthPressRight", "mouthPucker", "mouthRight", "mouthRollLower", "mouthRollUpper",
            "mouthShrugLower", "mouthShrugUpper", "mouthSmileLeft", "mouthSmileRight", "mouthStretchLeft",
            "mouthStretchRight", "mouthUpperUpLeft", "mouthUpperUpRight", "noseSneerLeft", "noseSneerRight", "tongueOut");
    private static final Map<String, String> UNSUPPORTED_EXTENSIONS = Map.of(
            "EXT_meshopt_compression", "meshopt_unsupported",
            "KHR_meshopt_compression", "meshopt_unsupported",
            "KHR_draco_mesh_compression", "draco_unsupported",
            "EXT_texture_webp", "webp_unsupported",
            "KHR_texture_basisu", "basisu_unsupported");
    private static final Map<Integer, Integer> COMPONENT_BYTES = Map.of(5120, 1, 5121, 1, 5122, 2, 5123, 2, 5125, 4, 5126, 4);
    private static final Map<String, Integer> TYPE_COMPONENTS = Map.of("SCALAR", 1, "VEC2", 2, "VEC3", 3, "VEC4", 4,
            "MAT2", 4, "MAT3", 9, "MAT4", 16);

    private final long maxBytes;
    private final int maxTexture;
    private final long maxTriangles;

    public AvatarValidator(long maxBytes, int maxTexture, long maxTriangles) {
        this.maxBytes = maxBytes;
        this.maxTexture = maxTexture;
        this.maxTriangles = maxTriangles;
    }

    public AvatarReport validate(byte[] file) {
        List<Finding> errors = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        if (file.length > maxBytes) {
            errors.add(new Finding("too_large", "The file has " + mb(file.length) + "; avatars may have at most " + mb(maxBytes)));
            return report(errors, warnings, file.length, List.of(), List.of(), List.of(), List.of(), 0);
        }
        Glb glb;
        try {
            glb = Glb.parse(file);
        } catch (AvatarRejected e) {
            errors.add(new Finding(e.code(), e.getMessage()));
            return report(errors, warnings, file.length, List.of(), List.of(), List.of(), List.of(), 0);
        }
        JsonNode json = glb.json();
        String version = json.path("asset").path("version").asString("");
        if (!version.equals("2.0")) {
            errors.add(new Finding("not_gltf2", "asset.version is '" + version + "'; only glTF 2.0 is supported"));
        }
        Set<String> extensions = new LinkedHashSet<>();
        json.path("extensionsRequired").forEach(e -> extensions.add(e.asString("")));
        json.path("extensionsUsed").forEach(e -> extensions.add(e.asString("")));
        for (String ext : extensions) {
            String code = UNSUPPORTED_EXTENSIONS.get(ext);
            if (code != null) {
                errors.add(new Finding(code, "The file uses " + ext + ", which the avatar player cannot decode; "
                        + "export it again without " + describe(ext)));
            }
        }
        checkSizes(glb, errors);
        List<AvatarReport.Texture> textures = textures(glb, errors);
        long triangles = triangles(json);
        if (triangles > maxTriangles) {
            errors.add(new Finding("too_complex", triangles + " triangles; an avatar may have at most " + maxTriangles));
        }
        List<String> bonesMissing = rig(json, errors, warnings);
        Set<String> targets = morphTargets(json);
        List<String> found = VISEMES.stream().filter(targets::contains).toList();
        List<String> missing = VISEMES.stream().filter(v -> !targets.contains(v)).toList();
        if (!missing.isEmpty()) {
            errors.add(new Finding("visemes_missing", "Lip-sync needs the 15 Oculus viseme morph targets; missing: "
                    + String.join(", ", missing) + (found.isEmpty() && !targets.isEmpty()
                    ? " (the file has other morph targets: " + String.join(", ", targets.stream().limit(8).toList()) + ")" : "")));
        }
        List<String> arkit = ARKIT.stream().filter(targets::contains).toList();
        if (arkit.isEmpty()) {
            warnings.add(new Finding("arkit_missing", "No ARKit blend shapes: the avatar cannot blink or smile"));
        }
        return report(errors, warnings, file.length, found, missing, bonesMissing, arkit, triangles, textures);
    }

    private AvatarReport report(List<Finding> errors, List<Finding> warnings, long size, List<String> found,
            List<String> missing, List<String> bones, List<String> arkit, long triangles) {
        return report(errors, warnings, size, found, missing, bones, arkit, triangles, List.of());
    }

    private AvatarReport report(List<Finding> errors, List<Finding> warnings, long size, List<String> found,
            List<String> missing, List<String> bones, List<String> arkit, long triangles,
            List<AvatarReport.Texture> textures) {
        return new AvatarReport(errors.isEmpty(), List.copyOf(errors), List.copyOf(warnings), size, found,
                missing.isEmpty() && found.isEmpty() ? VISEMES : missing, bones, arkit, textures, triangles);
    }

    /** Declared sizes must fit the data that is there: the defence against files that promise gigabytes. */
    private static void checkSizes(Glb glb, List<Finding> errors) {
        JsonNode json = glb.json();
        long binLength = glb.bin().length;
        int index = 0;
        for (JsonNode buffer : glb.array("buffers")) {
            if (buffer.has("uri")) {
                errors.add(new Finding("external_resource", "Buffer " + index + " refers to an outside file; upload a "
                        + "self-contained GLB"));
            } else if (index == 0 && buffer.path("byteLength").asLong(-1) > binLength) {
                errors.add(new Finding("declared_size_mismatch", "Buffer 0 declares " + buffer.path("byteLength").asLong()
                        + " bytes but the file carries " + binLength));
            }
            index++;
        }
        index = 0;
        for (JsonNode view : glb.array("bufferViews")) {
            long end = view.path("byteOffset").asLong(0) + view.path("byteLength").asLong(-1);
            if (view.path("byteLength").asLong(-1) < 0 || view.path("byteOffset").asLong(0) < 0
                    || (view.path("buffer").asInt(-1) == 0 && end > binLength)) {
                errors.add(new Finding("declared_size_mismatch", "Buffer view " + index + " declares data up to byte "
                        + end + " but the binary chunk has " + binLength));
                return;
            }
            index++;
        }
        index = 0;
        var views = glb.array("bufferViews");
        for (JsonNode accessor : json.path("accessors")) {
            long count = accessor.path("count").asLong(-1);
            Integer component = COMPONENT_BYTES.get(accessor.path("componentType").asInt());
            Integer components = TYPE_COMPONENTS.get(accessor.path("type").asString(""));
            if (count < 0 || component == null || components == null) {
                errors.add(new Finding("invalid_accessor", "Accessor " + index + " has no valid count, type or component type"));
                return;
            }
            if (accessor.has("bufferView")) {
                JsonNode view = views.get(accessor.path("bufferView").asInt(-1));
                if (view == null) {
                    errors.add(new Finding("invalid_accessor", "Accessor " + index + " refers to a missing buffer view"));
                    return;
                }
                long element = (long) component * components;
                long stride = Math.max(view.path("byteStride").asLong(0), element);
                long needed = accessor.path("byteOffset").asLong(0) + (count == 0 ? 0 : (count - 1) * stride + element);
                if (needed > view.path("byteLength").asLong(0)) {
                    errors.add(new Finding("declared_size_mismatch", "Accessor " + index + " declares " + count
                            + " elements (" + needed + " bytes) but its buffer view holds " + view.path("byteLength").asLong(0)
                            + " bytes"));
                    return;
                }
            }
            index++;
        }
    }

    private List<AvatarReport.Texture> textures(Glb glb, List<Finding> errors) {
        List<AvatarReport.Texture> out = new ArrayList<>();
        int index = 0;
        for (JsonNode image : glb.array("images")) {
            byte[] data = null;
            String mime = image.path("mimeType").asString("");
            if (image.has("bufferView")) {
                data = glb.view(image.path("bufferView").asInt(-1));
            } else if (image.path("uri").asString("").startsWith("data:")) {
                String uri = image.path("uri").asString();
                int comma = uri.indexOf(',');
                try {
                    data = comma < 0 ? null : Base64.getDecoder().decode(uri.substring(comma + 1));
                } catch (IllegalArgumentException e) {
                    data = null;
                }
            } else if (image.has("uri")) {
                errors.add(new Finding("external_resource", "Image " + index + " refers to an outside file; upload a "
                        + "self-contained GLB"));
                index++;
                continue;
            }
            ImageHeaders.Size size = ImageHeaders.read(data);
            if (size == null) {
                errors.add(new Finding("invalid_image", "Image " + index + " is not a readable PNG or JPEG"));
            } else if (size.format().equals("webp") || mime.equals("image/webp")) {
                errors.add(new Finding("webp_unsupported", "Image " + index + " is WebP; use PNG or JPEG textures"));
            } else if (size.format().equals("ktx2")) {
                errors.add(new Finding("basisu_unsupported", "Image " + index + " is KTX2/Basis; use PNG or JPEG textures"));
            } else if (size.width() <= 0 || size.height() <= 0 || size.longest() > maxTexture) {
                errors.add(new Finding("texture_too_large", "Image " + index + " is " + size.width() + "×" + size.height()
                        + " pixels; textures may be at most " + maxTexture + " pixels on their longest side"));
            }
            if (size != null) {
                out.add(new AvatarReport.Texture(index, size.format(), size.width(), size.height()));
            }
            index++;
        }
        return out;
    }

    private static long triangles(JsonNode json) {
        long total = 0;
        var accessors = json.path("accessors");
        for (JsonNode mesh : json.path("meshes")) {
            for (JsonNode p : mesh.path("primitives")) {
                if (p.path("mode").asInt(4) != 4) {
                    continue;
                }
                JsonNode counted = p.has("indices") ? accessors.path(p.path("indices").asInt())
                        : accessors.path(p.path("attributes").path("POSITION").asInt(-1));
                total += counted.path("count").asLong(0) / 3;
            }
        }
        return total;
    }

    /** Root {@code Armature} and the core Mixamo bones; names may carry a {@code mixamorig:} style prefix. */
    private static List<String> rig(JsonNode json, List<Finding> errors, List<Finding> warnings) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode node : json.path("nodes")) {
            String name = node.path("name").asString("");
            int colon = name.lastIndexOf(':');
            names.add(colon >= 0 ? name.substring(colon + 1) : name);
        }
        List<String> missing = new ArrayList<>();
        if (!names.contains("Armature")) {
            missing.add("Armature");
        }
        REQUIRED_BONES.stream().filter(b -> !names.contains(b)).forEach(missing::add);
        if (!missing.isEmpty()) {
            errors.add(new Finding("bones_missing", "The rig is not TalkingHead-compatible (Mixamo / Ready Player Me bone "
                    + "names under a root 'Armature'); missing: " + String.join(", ", missing)));
        }
        List<String> recommended = RECOMMENDED_BONES.stream().filter(b -> !names.contains(b)).toList();
        if (missing.isEmpty() && !recommended.isEmpty()) {
            warnings.add(new Finding("bones_incomplete", "Optional bones missing (no eye or arm motion): "
                    + String.join(", ", recommended)));
        }
        return missing;
    }

    /** Morph target names as exporters write them: {@code mesh.extras.targetNames} (Blender, RPM) or per primitive. */
    private static Set<String> morphTargets(JsonNode json) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode mesh : json.path("meshes")) {
            mesh.path("extras").path("targetNames").forEach(n -> names.add(n.asString("")));
            for (JsonNode p : mesh.path("primitives")) {
                p.path("extras").path("targetNames").forEach(n -> names.add(n.asString("")));
            }
        }
        return names;
    }

    private static String describe(String extension) {
        return switch (extension.toLowerCase(Locale.ROOT)) {
            case "ext_meshopt_compression", "khr_meshopt_compression" -> "meshopt compression (e.g. gltfpack without -c)";
            case "khr_draco_mesh_compression" -> "Draco compression";
            case "ext_texture_webp" -> "WebP textures (use PNG or JPEG)";
            default -> "Basis/KTX2 textures (use PNG or JPEG)";
        };
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }
}
