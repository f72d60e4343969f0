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
