package de.wattos.knowledge.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any OpenAI-compatible {@code POST {baseUrl}/embeddings} (OpenAI, Azure-style gateways, vLLM, Ollama, LiteLLM …).
 * Sends batches, sorts results by {@code index}, retries 429/5xx a few times with backoff. The key is never logged.
 */
public final class OpenAiEmbeddingModel implements EmbeddingModel {

    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final int batchSize;
    private final Duration timeout;
    private final JsonMapper json;
    private final HttpClient http;
    private volatile int dimension = -1;

    public OpenAiEmbeddingModel(String baseUrl, String model, String apiKey, int batchSize, Duration timeout, JsonMapper json) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.endpoint = URI.create(base + "/embeddings");
        this.model = model;
        this.apiKey = apiKey;
        this.batchSize = Math.max(1, batchSize);
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public String id() {
        return "openai:" + model;
    }

    @Override
    public int dimension() {
        if (dimension < 0) {
            dimension = embed(List.of("dimension probe")).getFirst().length;
        }
        return dimension;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i += batchSize) {
            out.addAll(call(texts.subList(i, Math.min(texts.size(), i + batchSize))));
        }
        if (!out.isEmpty()) {
            dimension = out.getFirst().length;
        }
        return out;
    }

    private List<float[]> call(List<String> batch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("input", batch);
        body.put("encoding_format", "float");
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        IOException last = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == 429 || status >= 500) {
                    last = new IOException("embeddings provider answered " + status);
                    long wait = response.headers().firstValue("Retry-After").map(OpenAiEmbeddingModel::seconds).orElse(1L << attempt);
                    Thread.sleep(Math.min(10_000, wait * 1000));
                    continue;
                }
                if (status != 200) {
                    throw new IllegalStateException("Embeddings provider answered " + status + ": "
                            + new String(response.body(), 0, Math.min(300, response.body().length)));
                }
                JsonNode data = json.readTree(response.body()).path("data");
                float[][] vectors = new float[batch.size()][];
                for (int i = 0; i < data.size(); i++) {
                    JsonNode item = data.get(i);
                    int index = item.has("index") ? item.get("index").asInt() : i;
                    JsonNode emb = item.get("embedding");
                    float[] v = new float[emb.size()];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = (float) emb.get(j).asDouble();
                    }
                    vectors[index] = EmbeddingModel.normalize(v);
                }
                for (float[] v : vectors) {
                    if (v == null) {
                        throw new IllegalStateException("Embeddings provider returned fewer vectors than texts");
                    }
                }
                return List.of(vectors);
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while embedding", e);
            }
        }
        throw new IllegalStateException("Embeddings provider failed: " + (last == null ? "unknown" : last.getMessage()), last);
    }

    private static Long seconds(String value) {
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 1L;
        }
    }
}
