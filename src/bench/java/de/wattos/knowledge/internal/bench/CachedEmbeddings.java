package de.wattos.knowledge.internal.bench;

import de.wattos.knowledge.internal.EmbeddingModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks only: remembers vectors on disk ({@code ${java.io.tmpdir}/wattos-bench-vectors}) so repeated runs do not
 * spend minutes re-embedding the same corpus. The vectors are the real model's vectors.
 */
final class CachedEmbeddings implements EmbeddingModel {

    private final EmbeddingModel model;
    private final Path file;
    private final Map<String, float[]> cache = new HashMap<>();
    private boolean dirty;

    CachedEmbeddings(EmbeddingModel model) throws IOException {
        this.model = model;
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "wattos-bench-vectors");
        Files.createDirectories(dir);
        this.file = dir.resolve(model.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".bin");
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String text = in.readUTF();
                    float[] v = new float[in.readInt()];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = in.readFloat();
                    }
                    cache.put(text, v);
                }
            } catch (IOException e) {
                cache.clear();
            }
        }
    }

    @Override
    public String id() {
        return model.id();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<String> missing = texts.stream().filter(t -> !cache.containsKey(key(t))).distinct().toList();
        if (!missing.isEmpty()) {
            List<float[]> fresh = model.embed(missing);
            for (int i = 0; i < missing.size(); i++) {
                cache.put(key(missing.get(i)), fresh.get(i));
            }
            dirty = true;
        }
        List<float[]> out = new ArrayList<>(texts.size());
        texts.forEach(t -> out.add(cache.get(key(t))));
        return out;
    }

    int cachedMisses(List<String> texts) {
        return (int) texts.stream().filter(t -> !cache.containsKey(key(t))).count();
    }

    private static String key(String text) {
        // writeUTF is limited to 64 KB; texts here are chunks and questions
        return text.length() > 20_000 ? text.substring(0, 20_000) : text;
    }

    void save() throws IOException {
        if (!dirty) {
            return;
        }
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(cache.size());
            for (var e : cache.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float f : e.getValue()) {
                    out.writeFloat(f);
                }
            }
        }
        dirty = false;
    }
}
