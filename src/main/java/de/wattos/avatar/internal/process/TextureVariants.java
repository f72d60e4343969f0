package de.wattos.avatar.internal.process;

import de.wattos.avatar.internal.check.ImageHeaders;
import de.wattos.avatar.internal.glb.Glb;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Rewrites a GLB with every embedded texture scaled down to at most {@code max} pixels on its longest side (the
 * widget picks 4096, 2048 or 1024 by device). Large images are decoded with source subsampling, so a big texture
 * never needs its full-size pixel buffer; textures already small enough are kept byte for byte.
 */
public final class TextureVariants {

    private TextureVariants() {
    }

    /** The rewritten file, or null when no texture exceeds {@code max} (the original serves as this variant). */
    public static byte[] downscale(byte[] file, int max) {
        Glb glb = Glb.parse(file);
        Map<Integer, byte[]> replaced = new HashMap<>();
        for (var image : glb.array("images")) {
            if (!image.has("bufferView")) {
                continue;
            }
            int view = image.path("bufferView").asInt();
            byte[] data = glb.view(view);
            ImageHeaders.Size size = ImageHeaders.read(data);
            if (size == null || size.longest() <= max || replaced.containsKey(view)) {
                continue;
            }
            replaced.put(view, scale(data, size, max));
        }
        if (replaced.isEmpty()) {
            return null;
        }
        glb.replaceViews(replaced);
        return glb.write();
    }

    static byte[] scale(byte[] data, ImageHeaders.Size size, int max) {
        double factor = (double) max / size.longest();
        int width = Math.max(1, (int) Math.round(size.width() * factor));
        int height = Math.max(1, (int) Math.round(size.height() * factor));
        BufferedImage source = decode(data, Math.max(1, size.longest() / max));
        boolean alpha = source.getColorModel().hasAlpha() && size.format().equals("png");
        BufferedImage target = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return encode(target, size.format().equals("jpeg") ? "jpeg" : "png");
    }

    private static BufferedImage decode(byte[] data, int subsampling) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException("No reader for this texture");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot decode a texture", e);
        }
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format.equals("jpeg")) {
                ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
                try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                    writer.setOutput(stream);
                    ImageWriteParam param = writer.getDefaultWriteParam();
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(0.88f);
                    writer.write(null, new IIOImage(image, null, null), param);
                } finally {
                    writer.dispose();
                }
            } else {
                ImageIO.write(image, "png", out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
