package de.wattos.analytics.internal;

import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelException;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelResponse;
import de.wattos.platform.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Names clusters of unanswered questions. With a language model configured, the model names the largest clusters
 * (one call for all of them, a short German topic each, from their example questions); its names are kept for an
 * hour per set of questions, so reloading a page costs nothing. Without a model, or when its answer is unusable,
 * the extractive label stays: the cluster's most frequent content words.
 */
@Component
class ClusterLabels {

    static final String EXTRACTIVE = "extractive";
    static final int MODEL_LABELLED = 10;
    private static final Logger log = LoggerFactory.getLogger(ClusterLabels.class);
    private static final ModelRequest.JsonSchema SCHEMA = new ModelRequest.JsonSchema("cluster_labels", Map.of(
            "type", "object", "additionalProperties", false, "required", List.of("labels"),
            "properties", Map.of("labels", Map.of("type", "array", "items", Map.of("type", "object",
                    "additionalProperties", false, "required", List.of("index", "label"),
                    "properties", Map.of("index", Map.of("type", "integer"), "label", Map.of("type", "string")))))));

    private final LanguageModels models;
    private final JsonMapper json;
    private final ExpiringCache<String, Map<Integer, String>> cache = new ExpiringCache<>(Duration.ofHours(1), 500,
            Clock.systemUTC());

    ClusterLabels(LanguageModels models, JsonMapper json) {
        this.models = models;
        this.json = json;
    }

    /** The clusters, the first {@link #MODEL_LABELLED} named by the model where one is available. */
    List<UnansweredQuestions.Cluster> label(List<UnansweredQuestions.Cluster> clusters) {
        if (clusters.isEmpty() || !models.modelAvailable()) {
            return clusters;
        }
        List<UnansweredQuestions.Cluster> top = clusters.subList(0, Math.min(MODEL_LABELLED, clusters.size()));
        String key = TenantContext.currentId() + "|" + top.stream().map(c -> c.messageIds().toString()).toList();
        Map<Integer, String> names = cache.get(key, () -> ask(top));
        List<UnansweredQuestions.Cluster> out = new ArrayList<>(clusters.size());
        for (int i = 0; i < clusters.size(); i++) {
            UnansweredQuestions.Cluster c = clusters.get(i);
            String name = names.get(i);
            out.add(name == null ? c : c.withLabel(name, "model"));
        }
        return out;
    }

    private Map<Integer, String> ask(List<UnansweredQuestions.Cluster> clusters) {
        List<Map<String, Object>> brief = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", i);
            item.put("keywords", clusters.get(i).terms());
            item.put("questions", clusters.get(i).examples().stream().map(UnansweredQuestions.Example::question)
                    .map(q -> q.length() > 300 ? q.substring(0, 300) : q).toList());
            brief.add(item);
        }
        ModelResponse response;
        try {
            response = models.complete(new ModelRequest(List.of(
                    new ModelMessage(ModelMessage.Role.SYSTEM, """
                            Du ordnest Fragen von Bürgerinnen und Bürgern, die ein digitaler Assistent nicht \
                            beantworten konnte. Jede Gruppe hat eine Nummer (index), Stichwörter und Beispielfragen. \
                            Gib jeder Gruppe ein kurzes deutsches Thema (2 bis 6 Wörter, ohne Satzzeichen am Ende), \
                            das sagt, worum es in den Fragen geht. Antworte als JSON nach dem Schema, genau ein \
                            Eintrag je index."""),
                    new ModelMessage(ModelMessage.Role.USER, json.writeValueAsString(brief))),
                    null, 0.1, 600, null, "analytics-clusters", SCHEMA));
        } catch (ModelException e) {
            log.info("Cluster labels stay extractive: {}", e.code());
            return Map.of();
        }
        if (response.extractive()) {
            return Map.of();
        }
        return parse(response.text(), clusters.size());
    }

    /** The usable labels by index; anything malformed is left out (those clusters keep their extractive label). */
    Map<Integer, String> parse(String text, int clusters) {
        JsonNode root;
        try {
            String s = text == null ? "" : text.strip();
            if (s.startsWith("```")) {
                s = s.replaceAll("^```[a-zA-Z]*\\s*", "").replaceAll("\\s*```$", "");
            }
            root = json.readTree(s);
        } catch (JacksonException e) {
            log.info("Cluster labels from the model refused: not JSON");
            return Map.of();
        }
        JsonNode labels = root == null ? null : root.get("labels");
        Map<Integer, String> out = new LinkedHashMap<>();
        if (labels == null || !labels.isArray()) {
            return out;
        }
        for (JsonNode item : labels) {
            JsonNode index = item.get("index");
            JsonNode label = item.get("label");
            if (index == null || !index.isIntegralNumber() || index.asInt() < 0 || index.asInt() >= clusters
                    || label == null || !label.isString()) {
                continue;
            }
            String name = label.asString().strip().replaceAll("\\s+", " ");
            if (name.length() >= 3 && name.length() <= 80) {
                out.putIfAbsent(index.asInt(), name);
            }
        }
        return out;
    }
}
