package de.wattos.knowledge.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** float32 vectors as little-endian bytes (PostgreSQL bytea). */
public final class Vectors {

    private Vectors() {
    }

    public static byte[] toBytes(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        return buf.array();
    }

    public static float[] fromBytes(byte[] b) {
        if (b == null) {
            return null;
        }
        float[] v = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
