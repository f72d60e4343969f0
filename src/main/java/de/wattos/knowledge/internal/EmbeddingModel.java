package de.wattos.knowledge.internal;

import java.util.List;

/** The embeddings port: one adapter per provider. Vectors come back L2-normalised, in input order. */
public interface EmbeddingModel {

    /** Stable id stored with every vector, e.g. {@code local:all-minilm-l6-v2-q} or {@code openai:text-embedding-3-small}. */
    String id();

    /** Vector length (may trigger a first call for remote providers). */
    int dimension();

    List<float[]> embed(List<String> texts);

    static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        double norm = Math.sqrt(sum);
        if (norm == 0) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
