package de.wattos.knowledge.internal;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline default: LangChain4j's in-process all-MiniLM-L6-v2 (quantised ONNX, 384 dimensions). Loaded once
 * on first use (a few hundred ms) and shared; inference batches run in the caller's thread pool. Every call into the
 * native runtime passes the {@link NativeInferenceGate}, so stopping WattOS mid-call cannot crash the JVM.
 */
public final class LocalEmbeddingModel implements EmbeddingModel {

    private volatile AllMiniLmL6V2QuantizedEmbeddingModel model;
    private final int batchSize;

    public LocalEmbeddingModel(int batchSize) {
        this.batchSize = Math.max(1, batchSize);
    }

    private AllMiniLmL6V2QuantizedEmbeddingModel model() {
        AllMiniLmL6V2QuantizedEmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    // run inference on the calling thread: callers already bound their parallelism
                    model = NativeInferenceGate.call(() -> new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run));
                }
                m = model;
            }
        }
        return m;
    }

    @Override
    public String id() {
        return "local:all-minilm-l6-v2-q";
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i += batchSize) {
            List<TextSegment> batch = texts.subList(i, Math.min(texts.size(), i + batchSize)).stream()
                    .map(t -> TextSegment.from(t.isBlank() ? "-" : t)).toList();
            AllMiniLmL6V2QuantizedEmbeddingModel m = model();
            NativeInferenceGate.call(() -> m.embedAll(batch)).content()
                    .forEach(e -> out.add(EmbeddingModel.normalize(e.vector())));
        }
        return out;
    }
}
