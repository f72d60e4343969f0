package de.wattos.avatar.internal.check;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Width, height and format of an image from its first bytes, without decoding it (a 16k×16k PNG of a few hundred
 * bytes would need a gigabyte once decoded): PNG (IHDR), JPEG (the SOFn marker), WebP (VP8, VP8L, VP8X) and KTX2.
 */
public final class ImageHeaders {

    public record Size(String format, int width, int height) {
        public int longest() {
            return Math.max(width, height);
        }
    }

    private ImageHeaders() {
    }

    /** The size, or null when the bytes are none of the known formats or the header is cut short. */
    public static Size read(byte[] d) {
        if (d == null || d.length < 12) {
            return null;
        }
        if ((d[0] & 0xff) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G' && d.length >= 24) {
            ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.BIG_ENDIAN);
            return new Size("png", b.getInt(16), b.getInt(20));
        }
        if ((d[0] & 0xff) == 0xFF && (d[1] & 0xff) == 0xD8) {
            return jpeg(d);
        }
        if (d[0] == 'R' && d[1] == 'I' && d[2] == 'F' && d[3] == 'F' && d[8] == 'W' && d[9] == 'E' && d[10] == 'B'
                && d[11] == 'P') {
            return webp(d);
        }
        if ((d[0] & 0xff) == 0xAB && d[1] == 'K' && d[2] == 'T' && d[3] == 'X' && d.length >= 28) {
            ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
            return new Size("ktx2", b.getInt(20), b.getInt(24));
        }
        return null;
    }

    private static Size jpeg(byte[] d) {
        int i = 2;
        while (i + 9 < d.length) {
            if ((d[i] & 0xff) != 0xFF) {
                return null;
            }
            int marker = d[i + 1] & 0xff;
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            int length = ((d[i + 2] & 0xff) << 8) | (d[i + 3] & 0xff);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                int height = ((d[i + 5] & 0xff) << 8) | (d[i + 6] & 0xff);
                int width = ((d[i + 7] & 0xff) << 8) | (d[i + 8] & 0xff);
                return new Size("jpeg", width, height);
            }
            if (length < 2) {
                return null;
            }
            i += 2 + length;
        }
        return null;
    }

    private static Size webp(byte[] d) {
        if (d.length < 30) {
            return null;
        }
        String chunk = new String(d, 12, 4);
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        return switch (chunk) {
            case "VP8 " -> new Size("webp", b.getShort(26) & 0x3fff, b.getShort(28) & 0x3fff);
            case "VP8L" -> {
                int bits = b.getInt(21);
                yield new Size("webp", (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
            }
            case "VP8X" -> new Size("webp", 1 + ((d[24] & 0xff) | (d[25] & 0xff) << 8 | (d[26] & 0xff) << 16),
                    1 + ((d[27] & 0xff) | (d[28] & 0xff) << 8 | (d[29] & 0xff) << 16));
            default -> null;
        };
    }
}
