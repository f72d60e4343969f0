package de.wattos.avatar.internal.glb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A binary glTF file (glTF 2.0 §4.4): 12-byte header ({@code glTF}, version 2, total length), a JSON chunk and an
 * optional BIN chunk. Parsing checks the framing only (declared lengths against the bytes present); what the JSON
 * says is checked by the validator. Writing re-packs the BIN chunk, so replaced buffer views (smaller textures) leave
 * no holes.
 */
public final class Glb {

    private static final int MAGIC = 0x46546C67; // "glTF"
    private static final int CHUNK_JSON = 0x4E4F534A;
    private static final int CHUNK_BIN = 0x004E4942;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectNode json;
    private byte[] bin;

    private Glb(ObjectNode json, byte[] bin) {
        this.json = json;
        this.bin = bin;
    }

    public static Glb of(ObjectNode json, byte[] bin) {
        return new Glb(json, bin == null ? new byte[0] : bin);
    }

    public static Glb parse(byte[] file) {
        if (file.length < 12) {
            throw new AvatarRejected("not_glb", "The file is too short to be a GLB (" + file.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != MAGIC) {
            if (file[0] == '{') {
                throw new AvatarRejected("not_glb", "This is a .gltf JSON file; upload the binary .glb with everything embedded");
            }
            throw new AvatarRejected("not_glb", "Not a GLB file (the first bytes are not 'glTF')");
        }
        int version = b.getInt(4);
        if (version != 2) {
            throw new AvatarRejected("not_gltf2", "GLB version " + version + "; only glTF 2.0 is supported");
        }
        long declared = Integer.toUnsignedLong(b.getInt(8));
        if (declared > file.length) {
            throw new AvatarRejected("truncated", "The file is truncated: its header declares " + declared + " bytes, "
                    + file.length + " arrived");
        }
        if (declared < 20) {
            throw new AvatarRejected("not_glb", "The GLB header declares an impossible length (" + declared + ")");
        }
        long jsonLength = Integer.toUnsignedLong(b.getInt(12));
        if (b.getInt(16) != CHUNK_JSON) {
            throw new AvatarRejected("not_glb", "The first GLB chunk is not JSON");
        }
        if (20 + jsonLength > declared) {
            throw new AvatarRejected("truncated", "The file is truncated: the JSON chunk declares " + jsonLength
                    + " bytes, only " + (declared - 20) + " follow");
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(file, 20, (int) jsonLength, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new AvatarRejected("invalid_json", "The GLB's JSON chunk is not valid JSON");
        }
        if (!(root instanceof ObjectNode object)) {
            throw new AvatarRejected("invalid_json", "The GLB's JSON chunk is not a JSON object");
        }
        byte[] bin = new byte[0];
        long at = 20 + jsonLength;
        if (at + 8 <= declared) {
            long binLength = Integer.toUnsignedLong(b.getInt((int) at));
            if (b.getInt((int) at + 4) == CHUNK_BIN) {
                if (at + 8 + binLength > declared) {
                    throw new AvatarRejected("truncated", "The file is truncated: the binary chunk declares " + binLength
                            + " bytes, only " + (declared - at - 8) + " follow");
                }
                bin = Arrays.copyOfRange(file, (int) at + 8, (int) (at + 8 + binLength));
            }
        } else if (at < declared && declared - at < 8) {
            throw new AvatarRejected("truncated", "The file is truncated inside a chunk header");
        }
        return new Glb(object, bin);
    }

    public ObjectNode json() {
        return json;
    }

    public byte[] bin() {
        return bin;
    }

    public ArrayNode array(String name) {
        JsonNode n = json.get(name);
        return n instanceof ArrayNode a ? a : JSON.createArrayNode();
    }

    /** The bytes of a buffer view of the BIN buffer, or null when it points elsewhere or outside. */
    public byte[] view(int index) {
        JsonNode v = array("bufferViews").get(index);
        if (v == null || v.path("buffer").asInt(-1) != 0) {
            return null;
        }
        long offset = v.path("byteOffset").asLong(0);
        long length = v.path("byteLength").asLong(-1);
        if (offset < 0 || length < 0 || offset + length > bin.length) {
            return null;
        }
        return Arrays.copyOfRange(bin, (int) offset, (int) (offset + length));
    }

    /** Appends bytes as a new buffer view of the BIN buffer and returns its index. */
    public int appendView(byte[] data) {
        int offset = align(bin.length);
        byte[] grown = Arrays.copyOf(bin, offset + data.length);
        System.arraycopy(data, 0, grown, offset, data.length);
        bin = grown;
        ArrayNode views = json.withArray("bufferViews");
        views.addObject().put("buffer", 0).put("byteOffset", offset).put("byteLength", data.length);
        ensureBuffer();
        return views.size() - 1;
    }

    /**
     * Replaces the contents of some buffer views and re-packs the BIN chunk (4-byte aligned views, in their order),
     * updating every view's offset and the buffer's length.
     */
    public void replaceViews(Map<Integer, byte[]> replacements) {
        ArrayNode views = array("bufferViews");
        ByteArrayOutputStream out = new ByteArrayOutputStream(bin.length);
        for (int i = 0; i < views.size(); i++) {
            ObjectNode v = (ObjectNode) views.get(i);
            if (v.path("buffer").asInt(-1) != 0) {
                continue;
            }
            byte[] data = replacements.containsKey(i) ? replacements.get(i) : view(i);
            if (data == null) {
                data = new byte[0];
            }
            while (out.size() % 4 != 0) {
                out.write(0);
            }
            v.put("byteOffset", out.size());
            v.put("byteLength", data.length);
            out.writeBytes(data);
        }
        bin = out.toByteArray();
        ensureBuffer();
    }

    private void ensureBuffer() {
        ArrayNode buffers = json.withArray("buffers");
        if (buffers.isEmpty()) {
            buffers.addObject();
        }
        ((ObjectNode) buffers.get(0)).put("byteLength", bin.length);
    }

    public byte[] write() {
        byte[] text = JSON.writeValueAsBytes(json);
        int jsonLength = align(text.length);
        int binLength = align(bin.length);
        boolean hasBin = bin.length > 0;
        int total = 12 + 8 + jsonLength + (hasBin ? 8 + binLength : 0);
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(2).putInt(total);
        b.putInt(jsonLength).putInt(CHUNK_JSON).put(text);
        for (int i = text.length; i < jsonLength; i++) {
            b.put((byte) ' ');
        }
        if (hasBin) {
            b.putInt(binLength).putInt(CHUNK_BIN).put(bin);
            for (int i = bin.length; i < binLength; i++) {
                b.put((byte) 0);
            }
        }
        return b.array();
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }
}
