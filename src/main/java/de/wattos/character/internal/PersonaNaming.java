package de.wattos.character.internal;

import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelException;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets the tenant's language model name and describe the personas the offline generation derived, from what
 * backs them (target group, cluster topics, needs, evidence titles), with structured output. Everything else
 * (evidence, questions, scores) stays as measured. Without a model, or when its answer does not cover every
 * persona with a usable name and description, the rule set's names stay: naming never makes a generation fail.
 */
@Component
class PersonaNaming {

    private static final Logger log = LoggerFactory.getLogger(PersonaNaming.class);
    static final ModelRequest.JsonSchema SCHEMA = new ModelRequest.JsonSchema("personas", schema());
    static final String RULES = "rules";

    record Named(List<PersonaSpec> personas, String namedBy, String reason) {
    }

    private final LanguageModels models;
    private final JsonMapper json;

    PersonaNaming(LanguageModels models, JsonMapper json) {
        this.models = models;
        this.json = json;
    }

    Named name(List<PersonaSpec> personas, String organisation) {
        if (personas.isEmpty()) {
            return new Named(personas, RULES, null);
        }
        ModelResponse response;
        try {
            response = models.complete(new ModelRequest(List.of(
                    new ModelMessage(ModelMessage.Role.SYSTEM, """
                            Du benennst Zielgruppen (Personas) für den digitalen Assistenten %s. Zu jeder Zielgruppe \
                            bekommst du ihre Kennung, Themen, Anliegen und die Seiten, die sie belegen. Gib jeder einen \
                            kurzen, anschaulichen deutschen Namen (2 bis 6 Wörter, keine Personennamen) und eine \
                            Beschreibung in ein bis drei Sätzen, die nur sagt, was die Angaben belegen. Antworte als \
                            JSON nach dem Schema, mit genau einem Eintrag je index."""
                            .formatted(organisation == null ? "einer Organisation" : CharacterDefinition.genitive(organisation))),
                    new ModelMessage(ModelMessage.Role.USER, json.writeValueAsString(brief(personas)))),
                    null, 0.2, 1200, null, "personas", SCHEMA));
        } catch (ModelException e) {
            return new Named(personas, RULES, "not_configured".equals(e.code()) ? null : "model unavailable: " + e.code());
        }
        List<String> reasons = new ArrayList<>();
        List<PersonaSpec> named = apply(personas, response.text(), reasons);
        if (named == null) {
            log.info("Persona names from the model refused ({}); the rule set's names stay", reasons);
            return new Named(personas, RULES, "model answer invalid: " + String.join("; ", reasons));
        }
        return new Named(named, "model:" + response.model(), null);
    }

    private static List<Map<String, Object>> brief(List<PersonaSpec> personas) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < personas.size(); i++) {
            PersonaSpec p = personas.get(i);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", i);
            item.put("targetGroup", p.targetGroup());
            item.put("currentName", p.name());
            item.put("topics", p.topics().stream().limit(8).toList());
            item.put("needs", p.needs().stream().limit(5).toList());
            item.put("evidence", p.evidence().stream().limit(5).map(PersonaSpec.Evidence::title).toList());
            out.add(item);
        }
        return out;
    }

    /** The personas with the model's names and descriptions, or null with the reasons. */
    List<PersonaSpec> apply(List<PersonaSpec> personas, String text, List<String> reasons) {
        JsonNode root;
        try {
            root = json.readTree(strip(text));
        } catch (JacksonException e) {
            reasons.add("$: not valid JSON");
            return null;
        }
        JsonNode items = root == null ? null : root.get("personas");
        if (items == null || !items.isArray()) {
            reasons.add("personas: required array");
            return null;
        }
        String[] names = new String[personas.size()];
        String[] descriptions = new String[personas.size()];
        Set<String> seen = new HashSet<>();
        for (JsonNode item : items) {
            JsonNode index = item.get("index");
            if (index == null || !index.isIntegralNumber() || index.asInt() < 0 || index.asInt() >= personas.size()) {
                reasons.add("index: must name one of the " + personas.size() + " personas");
                continue;
            }
            int i = index.asInt();
            String name = text(item, "name");
            String description = text(item, "description");
            if (name == null || name.length() < 3 || name.length() > 60) {
                reasons.add("personas[" + i + "].name: 3–60 characters");
            } else if (!seen.add(name.toLowerCase(Locale.GERMAN))) {
                reasons.add("personas[" + i + "].name: used twice");
            }
            if (description == null || description.length() < 20 || description.length() > 600) {
                reasons.add("personas[" + i + "].description: 20–600 characters");
            }
            names[i] = name;
            descriptions[i] = description;
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null && reasons.stream().noneMatch(r -> r.startsWith("personas["))) {
                reasons.add("personas: no entry for index " + i);
            }
        }
        if (!reasons.isEmpty()) {
            return null;
        }
        List<PersonaSpec> out = new ArrayList<>();
        for (int i = 0; i < personas.size(); i++) {
            PersonaSpec p = personas.get(i);
            out.add(new PersonaSpec(names[i], p.targetGroup(), descriptions[i], p.needs(), p.typicalQuestions(),
                    p.languageLevel(), p.topics(), p.evidence(), p.qualityScore(), p.scoreBreakdown(), p.mergedFrom()));
        }
        return out;
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || !v.isString() || v.stringValue().isBlank() ? null : v.stringValue().strip();
    }

    private static String strip(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("```")) {
            t = t.replaceFirst("^```(?:json)?\\s*", "").replaceFirst("\\s*```$", "");
        }
        return t;
    }

    private static Map<String, Object> schema() {
        Map<String, Object> item = Map.of("type", "object",
                "properties", Map.of("index", Map.of("type", "integer"), "name", Map.of("type", "string"),
                        "description", Map.of("type", "string")),
                "required", List.of("index", "name", "description"), "additionalProperties", false);
        return Map.of("type", "object", "properties", Map.of("personas", Map.of("type", "array", "items", item)),
                "required", List.of("personas"), "additionalProperties", false);
    }
}
