package de.wattos.avatar.internal.process;

import de.javagl.jgltf.model.MaterialModel;
import de.javagl.jgltf.model.creation.AccessorModels;
import de.javagl.jgltf.model.creation.GltfModelBuilder;
import de.javagl.jgltf.model.creation.MaterialBuilder;
import de.javagl.jgltf.model.creation.MeshPrimitiveBuilder;
import de.javagl.jgltf.model.impl.DefaultGltfModel;
import de.javagl.jgltf.model.impl.DefaultMeshModel;
import de.javagl.jgltf.model.impl.DefaultMeshPrimitiveModel;
import de.javagl.jgltf.model.impl.DefaultNodeModel;
import de.javagl.jgltf.model.impl.DefaultSceneModel;
import de.javagl.jgltf.model.io.GltfModelWriter;
import de.wattos.avatar.internal.check.AvatarValidator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The avatar WattOS ships without any outside asset: a stylised head and shoulders built with jgltf's model builder.
 * The mouth is a disc whose 15 Oculus viseme morph targets open, round or widen it; the eyes carry ARKit
 * {@code eyeBlinkLeft}/{@code eyeBlinkRight}; plain bone nodes (root {@code Armature}, Hips, Spine, Neck, Head,
 * LeftEye, RightEye) give the TalkingHead-compatible rig the validator asks of every avatar.
 */
public final class DefaultAvatar {

    /** Mouth shape per viseme: width and height factors of the disc and how far the jaw drops (metres). */
    private static final Map<String, float[]> MOUTH = Map.ofEntries(
            Map.entry("viseme_sil", new float[] {1.0f, 0.15f, 0f}),
            Map.entry("viseme_PP", new float[] {0.9f, 0.05f, 0f}),
            Map.entry("viseme_FF", new float[] {1.0f, 0.35f, 0.002f}),
            Map.entry("viseme_TH", new float[] {1.0f, 0.55f, 0.004f}),
            Map.entry("viseme_DD", new float[] {1.0f, 0.6f, 0.005f}),
            Map.entry("viseme_kk", new float[] {1.0f, 0.7f, 0.006f}),
            Map.entry("viseme_CH", new float[] {0.75f, 0.7f, 0.005f}),
            Map.entry("viseme_SS", new float[] {1.1f, 0.4f, 0.002f}),
            Map.entry("viseme_nn", new float[] {1.0f, 0.5f, 0.004f}),
            Map.entry("viseme_RR", new float[] {0.8f, 0.65f, 0.005f}),
            Map.entry("viseme_aa", new float[] {1.05f, 1.6f, 0.014f}),
            Map.entry("viseme_E", new float[] {1.3f, 0.8f, 0.006f}),
            Map.entry("viseme_I", new float[] {1.35f, 0.55f, 0.004f}),
            Map.entry("viseme_O", new float[] {0.7f, 1.25f, 0.01f}),
            Map.entry("viseme_U", new float[] {0.55f, 0.8f, 0.006f}));

    private DefaultAvatar() {
    }

    public static byte[] glb() {
        MaterialModel skin = material(0.93f, 0.72f, 0.58f);
        MaterialModel hair = material(0.23f, 0.15f, 0.10f);
        MaterialModel shirt = material(0.11f, 0.32f, 0.55f);
        MaterialModel lips = material(0.45f, 0.08f, 0.10f);
        MaterialModel iris = material(0.08f, 0.08f, 0.10f);

        DefaultNodeModel armature = node("Armature", 0, 0, 0);
        DefaultNodeModel hips = child(armature, "Hips", 0, 0.95f, 0);
        DefaultNodeModel spine = child(hips, "Spine", 0, 0.15f, 0);
        DefaultNodeModel spine1 = child(spine, "Spine1", 0, 0.12f, 0);
        DefaultNodeModel spine2 = child(spine1, "Spine2", 0, 0.12f, 0);
        DefaultNodeModel neck = child(spine2, "Neck", 0, 0.08f, 0);
        DefaultNodeModel head = child(neck, "Head", 0, 0.07f, 0);
        DefaultNodeModel leftEye = child(head, "LeftEye", 0.038f, 0.11f, 0.1f);
        DefaultNodeModel rightEye = child(head, "RightEye", -0.038f, 0.11f, 0.1f);
        child(spine2, "LeftShoulder", 0.07f, 0.1f, 0);
        child(spine2, "RightShoulder", -0.07f, 0.1f, 0);

        attach(spine2, mesh("Body", ellipsoid(0.2f, 0.11f, 0.1f, 0, -0.035f, 0, 20, 14, false), shirt, List.of(), null));
        attach(neck, mesh("Neck", ellipsoid(0.048f, 0.07f, 0.048f, 0, 0.03f, 0, 12, 8, false), skin, List.of(), null));
        attach(head, mesh("Head", ellipsoid(0.1f, 0.125f, 0.11f, 0, 0.09f, 0, 28, 20, false), skin, List.of(), null));
        attach(head, mesh("Hair", ellipsoid(0.106f, 0.125f, 0.118f, 0, 0.1f, -0.01f, 28, 20, true), hair, List.of(), null));
        attach(head, mouth(lips));
        attach(leftEye, eye("EyeLeft", iris, "eyeBlinkLeft"));
        attach(rightEye, eye("EyeRight", iris, "eyeBlinkRight"));

        DefaultSceneModel scene = new DefaultSceneModel();
        scene.addNode(armature);
        GltfModelBuilder builder = GltfModelBuilder.create();
        builder.addSceneModel(scene);
        DefaultGltfModel model = builder.build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new GltfModelWriter().writeBinary(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** glTF 2.0 gives a node one mesh: every mesh hangs on its own node under the bone that moves it. */
    private static void attach(DefaultNodeModel bone, DefaultMeshModel mesh) {
        DefaultNodeModel holder = child(bone, mesh.getName() + "Mesh", 0, 0, 0);
        holder.addMeshModel(mesh);
    }

    private static MaterialModel material(float r, float g, float b) {
        return MaterialBuilder.create().setBaseColorFactor(r, g, b, 1f).setMetallicRoughnessFactors(0f, 0.8f).build();
    }

    private static DefaultNodeModel node(String name, float x, float y, float z) {
        DefaultNodeModel n = new DefaultNodeModel();
        n.setName(name);
        n.setTranslation(new float[] {x, y, z});
        return n;
    }

    private static DefaultNodeModel child(DefaultNodeModel parent, String name, float x, float y, float z) {
        DefaultNodeModel n = node(name, x, y, z);
        parent.addChild(n);
        n.setParent(parent);
        return n;
    }

    private record Shape(float[] positions, float[] normals, int[] indices) {
    }

    private static DefaultMeshModel mesh(String name, Shape shape, MaterialModel material, List<float[]> targets,
            List<String> targetNames) {
        MeshPrimitiveBuilder p = MeshPrimitiveBuilder.create().setTriangles()
                .setIntIndicesAsShort(IntBuffer.wrap(shape.indices()))
                .addPositions3D(FloatBuffer.wrap(shape.positions()))
                .addNormals3D(FloatBuffer.wrap(shape.normals()));
        for (int i = 0; i < targets.size(); i++) {
            p.addMorphTarget(i, "POSITION", AccessorModels.createFloat3D(FloatBuffer.wrap(targets.get(i))));
        }
        DefaultMeshPrimitiveModel primitive = p.build();
        primitive.setMaterialModel(material);
        DefaultMeshModel mesh = new DefaultMeshModel();
        mesh.setName(name);
        mesh.addMeshPrimitiveModel(primitive);
        if (targetNames != null) {
            mesh.setWeights(new float[targetNames.size()]);
            mesh.setExtras(Map.of("targetNames", targetNames));
        }
        return mesh;
    }

    /** A disc in front of the face (a fan around its centre); each viseme scales and lowers it. */
    private static DefaultMeshModel mouth(MaterialModel lips) {
        int n = 24;
        float cx = 0, cy = 0.035f, cz = 0.101f, rx = 0.03f, ry = 0.013f;
        float[] pos = new float[(n + 1) * 3];
        float[] nor = new float[(n + 1) * 3];
        int[] idx = new int[n * 3];
        pos[0] = cx;
        pos[1] = cy;
        pos[2] = cz + 0.002f;
        nor[2] = 1;
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            pos[(i + 1) * 3] = cx + (float) (rx * Math.cos(a));
            pos[(i + 1) * 3 + 1] = cy + (float) (ry * Math.sin(a));
            pos[(i + 1) * 3 + 2] = cz - (float) (0.004 * Math.abs(Math.cos(a)));
            nor[(i + 1) * 3 + 2] = 1;
            idx[i * 3] = 0;
            idx[i * 3 + 1] = i + 1;
            idx[i * 3 + 2] = (i + 1) % n + 1;
        }
        List<float[]> targets = new ArrayList<>();
        for (String viseme : AvatarValidator.VISEMES) {
            float[] f = MOUTH.get(viseme);
            float[] delta = new float[pos.length];
            for (int v = 0; v <= n; v++) {
                float dx = pos[v * 3] - cx, dy = pos[v * 3 + 1] - cy;
                delta[v * 3] = dx * (f[0] - 1);
                delta[v * 3 + 1] = dy * (f[1] - 1) - (dy < 0 ? f[2] : f[2] * 0.3f);
            }
            targets.add(delta);
        }
        return mesh("Mouth", new Shape(pos, nor, idx), lips, targets, AvatarValidator.VISEMES);
    }

    private static DefaultMeshModel eye(String name, MaterialModel iris, String blink) {
        Shape s = ellipsoid(0.011f, 0.013f, 0.006f, 0, 0, 0, 12, 8, false);
        float[] delta = new float[s.positions().length];
        for (int v = 0; v < s.positions().length / 3; v++) {
            delta[v * 3 + 1] = -s.positions()[v * 3 + 1] * 0.9f;
        }
        return mesh(name, s, iris, List.of(delta), List.of(blink));
    }

    /** A UV ellipsoid around (x, y, z); {@code cap} keeps only the upper back part (hair). */
    private static Shape ellipsoid(float rx, float ry, float rz, float x, float y, float z, int slices, int stacks,
            boolean cap) {
        List<Float> pos = new ArrayList<>();
        List<Float> nor = new ArrayList<>();
        for (int i = 0; i <= stacks; i++) {
            double phi = Math.PI * i / stacks;
            for (int j = 0; j <= slices; j++) {
                double theta = 2 * Math.PI * j / slices;
                float nx = (float) (Math.sin(phi) * Math.sin(theta));
                float ny = (float) Math.cos(phi);
                float nz = (float) (Math.sin(phi) * Math.cos(theta));
                pos.add(x + rx * nx);
                pos.add(y + ry * ny);
                pos.add(z + rz * nz);
                nor.add(nx);
                nor.add(ny);
                nor.add(nz);
            }
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < stacks; i++) {
            for (int j = 0; j < slices; j++) {
                int a = i * (slices + 1) + j, b = a + slices + 1;
                if (cap) {
                    double phi = Math.PI * (i + 0.5) / stacks;
                    double theta = 2 * Math.PI * (j + 0.5) / slices;
                    boolean face = Math.cos(theta) > 0.35 && phi > Math.PI * 0.22;
                    if (phi > Math.PI * 0.55 || face) {
                        continue;
                    }
                }
                idx.add(a);
                idx.add(b);
                idx.add(a + 1);
                idx.add(a + 1);
                idx.add(b);
                idx.add(b + 1);
            }
        }
        float[] p = new float[pos.size()];
        float[] n = new float[nor.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = pos.get(i);
            n[i] = nor.get(i);
        }
        return new Shape(p, n, idx.stream().mapToInt(Integer::intValue).toArray());
    }
}
