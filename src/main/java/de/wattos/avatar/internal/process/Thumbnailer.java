package de.wattos.avatar.internal.process;

import de.wattos.avatar.internal.glb.Glb;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;

/**
 * A portrait PNG of an avatar without a GPU: the meshes in their rest pose (node transforms, no skinning or morphs),
 * seen from the front, flat-shaded in their materials' base colours with a z-buffer, framed on the upper part of the
 * model (the head and shoulders a talking avatar shows).
 */
public final class Thumbnailer {

    private Thumbnailer() {
    }

    private record Triangle(float[] a, float[] b, float[] c, int rgb) {
    }

    public static byte[] render(byte[] file, int size) {
        Glb glb = Glb.parse(file);
        List<Triangle> triangles = new ArrayList<>();
        JsonNode json = glb.json();
        JsonNode scene = json.path("scenes").path(json.path("scene").asInt(0));
        for (JsonNode n : scene.path("nodes")) {
            collect(glb, n.asInt(), identity(), triangles, 0);
        }
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        if (!triangles.isEmpty()) {
            draw(triangles, image, size);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void collect(Glb glb, int nodeIndex, float[] parent, List<Triangle> out, int depth) {
        JsonNode node = glb.json().path("nodes").path(nodeIndex);
        if (node.isMissingNode() || depth > 64) {
            return;
        }
        float[] world = multiply(parent, local(node));
        if (node.has("mesh")) {
            JsonNode mesh = glb.json().path("meshes").path(node.path("mesh").asInt());
            for (JsonNode p : mesh.path("primitives")) {
                if (p.path("mode").asInt(4) == 4) {
                    primitive(glb, p, world, out);
                }
            }
        }
        for (JsonNode child : node.path("children")) {
            collect(glb, child.asInt(), world, out, depth + 1);
        }
    }

    private static void primitive(Glb glb, JsonNode p, float[] world, List<Triangle> out) {
        float[] positions = floats(glb, p.path("attributes").path("POSITION").asInt(-1), 3);
        if (positions == null) {
            return;
        }
        int count = positions.length / 3;
        int[] indices = p.has("indices") ? ints(glb, p.path("indices").asInt()) : null;
        if (indices == null) {
            indices = new int[count];
            for (int i = 0; i < count; i++) {
                indices[i] = i;
            }
        }
        JsonNode factor = glb.json().path("materials").path(p.path("material").asInt(-1))
                .path("pbrMetallicRoughness").path("baseColorFactor");
        int rgb = factor.size() >= 3 ? rgb(factor.get(0).asDouble(), factor.get(1).asDouble(), factor.get(2).asDouble())
                : 0xC8C8C8;
        for (int i = 0; i + 2 < indices.length && out.size() < 400_000; i += 3) {
            if (indices[i] >= count || indices[i + 1] >= count || indices[i + 2] >= count) {
                continue;
            }
            out.add(new Triangle(transform(world, positions, indices[i]), transform(world, positions, indices[i + 1]),
                    transform(world, positions, indices[i + 2]), rgb));
        }
    }

    private static void draw(List<Triangle> triangles, BufferedImage image, int size) {
        float minX = Float.MAX_VALUE, minY = Float.MAX_VALUE, maxX = -Float.MAX_VALUE, maxY = -Float.MAX_VALUE;
        for (Triangle t : triangles) {
            for (float[] v : new float[][] {t.a(), t.b(), t.c()}) {
                minX = Math.min(minX, v[0]);
                maxX = Math.max(maxX, v[0]);
                minY = Math.min(minY, v[1]);
                maxY = Math.max(maxY, v[1]);
            }
        }
        float height = maxY - minY;
        if (height > (maxX - minX) * 1.6f) { // a full body: frame head and shoulders
            minY = maxY - Math.max(maxX - minX, height * 0.3f);
        }
        float span = Math.max(maxX - minX, maxY - minY) * 1.08f;
        if (span <= 0) {
            return;
        }
        float cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
        float scale = size / span;
        float[] depth = new float[size * size];
        Arrays.fill(depth, -Float.MAX_VALUE);
        for (Triangle t : triangles) {
            float[] n = normal(t);
            double light = Math.max(0.0, n[2] * 0.8 + n[1] * 0.3 + n[0] * 0.2);
            int shaded = shade(t.rgb(), 0.35 + 0.65 * Math.min(1.0, light));
            float[][] s = new float[3][];
            float[][] v = {t.a(), t.b(), t.c()};
            for (int k = 0; k < 3; k++) {
                s[k] = new float[] {(v[k][0] - cx) * scale + size / 2f, size / 2f - (v[k][1] - cy) * scale, v[k][2]};
            }
            fill(s, shaded, depth, image, size);
        }
    }

    private static void fill(float[][] s, int argb, float[] depth, BufferedImage image, int size) {
        int x0 = Math.max(0, (int) Math.floor(Math.min(s[0][0], Math.min(s[1][0], s[2][0]))));
        int x1 = Math.min(size - 1, (int) Math.ceil(Math.max(s[0][0], Math.max(s[1][0], s[2][0]))));
        int y0 = Math.max(0, (int) Math.floor(Math.min(s[0][1], Math.min(s[1][1], s[2][1]))));
        int y1 = Math.min(size - 1, (int) Math.ceil(Math.max(s[0][1], Math.max(s[1][1], s[2][1]))));
        float area = edge(s[0], s[1], s[2][0], s[2][1]);
        if (Math.abs(area) < 1e-9f) {
            return;
        }
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                float px = x + 0.5f, py = y + 0.5f;
                float w0 = edge(s[1], s[2], px, py) / area;
                float w1 = edge(s[2], s[0], px, py) / area;
                float w2 = 1 - w0 - w1;
                if (w0 < 0 || w1 < 0 || w2 < 0) {
                    continue;
                }
                float z = w0 * s[0][2] + w1 * s[1][2] + w2 * s[2][2];
                if (z > depth[y * size + x]) {
                    depth[y * size + x] = z;
                    image.setRGB(x, y, argb);
                }
            }
        }
    }

    private static float edge(float[] a, float[] b, float x, float y) {
        return (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
    }

    private static float[] normal(Triangle t) {
        float ux = t.b()[0] - t.a()[0], uy = t.b()[1] - t.a()[1], uz = t.b()[2] - t.a()[2];
        float vx = t.c()[0] - t.a()[0], vy = t.c()[1] - t.a()[1], vz = t.c()[2] - t.a()[2];
        float nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
        float len = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
        return len == 0 ? new float[] {0, 0, 1} : new float[] {nx / len, ny / len, Math.abs(nz / len)};
    }

    private static int shade(int rgb, double f) {
        int r = (int) Math.min(255, ((rgb >> 16) & 0xff) * f);
        int g = (int) Math.min(255, ((rgb >> 8) & 0xff) * f);
        int b = (int) Math.min(255, (rgb & 0xff) * f);
        return 0xff000000 | r << 16 | g << 8 | b;
    }

    private static int rgb(double r, double g, double b) {
        // base colour factors are linear; the picture is sRGB
        return (int) (255 * Math.pow(r, 1 / 2.2)) << 16 | (int) (255 * Math.pow(g, 1 / 2.2)) << 8 | (int) (255 * Math.pow(b, 1 / 2.2));
    }

    private static float[] floats(Glb glb, int accessorIndex, int components) {
        JsonNode a = glb.json().path("accessors").path(accessorIndex);
        if (a.isMissingNode() || a.path("componentType").asInt() != 5126 || !a.has("bufferView")) {
            return null;
        }
        JsonNode view = glb.json().path("bufferViews").path(a.path("bufferView").asInt());
        byte[] data = glb.view(a.path("bufferView").asInt());
        if (data == null) {
            return null;
        }
        int count = a.path("count").asInt();
        int stride = Math.max(view.path("byteStride").asInt(0), components * 4);
        int offset = a.path("byteOffset").asInt(0);
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count * components];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < components; k++) {
                int at = offset + i * stride + k * 4;
                if (at + 4 > data.length) {
                    return null;
                }
                out[i * components + k] = b.getFloat(at);
            }
        }
        return out;
    }

    private static int[] ints(Glb glb, int accessorIndex) {
        JsonNode a = glb.json().path("accessors").path(accessorIndex);
        byte[] data = a.has("bufferView") ? glb.view(a.path("bufferView").asInt()) : null;
        if (data == null) {
            return null;
        }
        int type = a.path("componentType").asInt();
        int width = type == 5125 ? 4 : type == 5123 ? 2 : type == 5121 ? 1 : 0;
        if (width == 0) {
            return null;
        }
        int count = a.path("count").asInt();
        int offset = a.path("byteOffset").asInt(0);
        if (offset + (long) count * width > data.length) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            int at = offset + i * width;
            out[i] = width == 4 ? b.getInt(at) : width == 2 ? b.getShort(at) & 0xffff : b.get(at) & 0xff;
        }
        return out;
    }

    private static float[] transform(float[] m, float[] p, int i) {
        float x = p[i * 3], y = p[i * 3 + 1], z = p[i * 3 + 2];
        return new float[] {m[0] * x + m[4] * y + m[8] * z + m[12], m[1] * x + m[5] * y + m[9] * z + m[13],
                m[2] * x + m[6] * y + m[10] * z + m[14]};
    }

    private static float[] identity() {
        return new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    }

    /** Column-major TRS (or matrix) of a node, as glTF defines it. */
    private static float[] local(JsonNode node) {
        if (node.path("matrix").size() == 16) {
            float[] m = new float[16];
            for (int i = 0; i < 16; i++) {
                m[i] = (float) node.path("matrix").get(i).asDouble();
            }
            return m;
        }
        JsonNode t = node.path("translation"), r = node.path("rotation"), s = node.path("scale");
        float tx = (float) t.path(0).asDouble(0), ty = (float) t.path(1).asDouble(0), tz = (float) t.path(2).asDouble(0);
        float qx = (float) r.path(0).asDouble(0), qy = (float) r.path(1).asDouble(0), qz = (float) r.path(2).asDouble(0),
                qw = (float) r.path(3).asDouble(1);
        float sx = (float) s.path(0).asDouble(1), sy = (float) s.path(1).asDouble(1), sz = (float) s.path(2).asDouble(1);
        return new float[] {
            (1 - 2 * (qy * qy + qz * qz)) * sx, (2 * (qx * qy + qz * qw)) * sx, (2 * (qx * qz - qy * qw)) * sx, 0,
            (2 * (qx * qy - qz * qw)) * sy, (1 - 2 * (qx * qx + qz * qz)) * sy, (2 * (qy * qz + qx * qw)) * sy, 0,
            (2 * (qx * qz + qy * qw)) * sz, (2 * (qy * qz - qx * qw)) * sz, (1 - 2 * (qx * qx + qy * qy)) * sz, 0,
            tx, ty, tz, 1};
    }

    private static float[] multiply(float[] a, float[] b) {
        float[] out = new float[16];
        for (int col = 0; col < 4; col++) {
            for (int row = 0; row < 4; row++) {
                float sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += a[k * 4 + row] * b[col * 4 + k];
                }
                out[col * 4 + row] = sum;
            }
        }
        return out;
    }
}
