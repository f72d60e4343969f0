package de.wattos.character.internal;

import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelException;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelResponse;
import de.wattos.platform.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a character prompt with the tenant's language model and structured output (a JSON schema through the
 * gateway). The answer is validated here, since not every server enforces the schema; an invalid answer gets one
 * repair round with the reasons, and is then refused (422 with the reasons, nothing saved). Without a configured
 * model the outcome is empty and the caller reads the prompt by rules.
 */
@Component
class ModelCharacterReader {

    record Outcome(PromptReading.Read read, String model, boolean unavailable) {
        static Outcome none(boolean unavailable) {
            return new Outcome(null, null, unavailable);
        }
    }

    private static final Map<String, Object> PROPERTIES = properties();
    static final ModelRequest.JsonSchema SCHEMA = new ModelRequest.JsonSchema("character", schema());
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-zA-Z]{2,}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}(-[a-zA-Z0-9-]+)?");
    private static final int MAX_TEXT = 500;
    private static final int MAX_ITEMS = 20;

    private final LanguageModels models;
    private final JsonMapper json;
    private final Texts texts;

    ModelCharacterReader(LanguageModels models, JsonMapper json, Texts texts) {
        this.models = models;
        this.json = json;
        this.texts = texts;
    }

    Outcome read(String prompt, String language, TenantProfile profile) {
        List<ModelMessage> messages = new ArrayList<>();
        messages.add(new ModelMessage(ModelMessage.Role.SYSTEM, """
                Du liest die Beschreibung eines digitalen Assistenten einer Organisation (meist einer deutschen Kommune) \
                und gibst ihre Angaben als JSON nach dem Schema zurück. Übernimm nur, was die Beschreibung sagt; \
                was sie nicht sagt, ist null oder eine leere Liste. tone: formal, friendly oder plain. address: Sie oder du. \
                languages: Sprachcodes wie de, en, tr. Bekannte Organisation laut Profil: %s."""
                .formatted(profile.organisationName() == null ? "unbekannt" : profile.organisationName())));
        messages.add(new ModelMessage(ModelMessage.Role.USER, (language == null ? "" : "Sprache: " + language + "\n") + prompt));
        ModelResponse first;
        try {
            first = models.complete(new ModelRequest(messages, null, 0.0, 800, null, "character", SCHEMA));
        } catch (ModelException e) {
            return Outcome.none(!"not_configured".equals(e.code()));
        }
        List<String> reasons = new ArrayList<>();
        PromptReading.Read read = parse(first.text(), reasons);
        if (read != null) {
            return new Outcome(read, first.model(), false);
        }
        messages.add(new ModelMessage(ModelMessage.Role.ASSISTANT, first.text()));
        messages.add(new ModelMessage(ModelMessage.Role.USER, "Die Antwort ist ungültig: " + String.join("; ", reasons)
                + ". Antworte nur mit einem JSON-Objekt nach dem Schema."));
        ModelResponse second;
        try {
            second = models.complete(new ModelRequest(messages, null, 0.0, 800, null, "character", SCHEMA));
        } catch (ModelException e) {
            throw invalid(reasons);
        }
        List<String> secondReasons = new ArrayList<>();
        read = parse(second.text(), secondReasons);
        if (read == null) {
            throw invalid(secondReasons);
        }
        return new Outcome(read, second.model(), false);
    }

    private ApiException invalid(List<String> reasons) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "model_output_invalid", texts.get("character.error.model_invalid"),
                reasons.stream().map(r -> new ApiException.FieldError(r.contains(":") ? r.substring(0, r.indexOf(':')) : "$",
                        "invalid", r)).toList(), Map.of("reasons", reasons));
    }

    /** The validated reading, or null with the reasons. */
    PromptReading.Read parse(String text, List<String> reasons) {
        JsonNode root;
        try {
            root = json.readTree(strip(text));
        } catch (JacksonException e) {
            reasons.add("$: not valid JSON");
            return null;
        }
        if (root == null || !root.isObject()) {
            reasons.add("$: not a JSON object");
            return null;
        }
        for (String key : List.of("tone", "address", "topics", "refusedTopics")) {
            if (!root.has(key)) {
                reasons.add(key + ": required");
            }
        }
        root.propertyNames().forEach(k -> {
            if (!PROPERTIES.containsKey(k)) {
                reasons.add(k + ": unknown property");
            }
        });
        String name = string(root, "name", reasons);
        String role = string(root, "role", reasons);
        String organisation = string(root, "organisation", reasons);
        String organisationType = string(root, "organisationType", reasons);
        String audience = string(root, "audience", reasons);
        String toneText = string(root, "tone", reasons);
        Tone tone = null;
        if (toneText != null) {
            try {
                tone = Tone.of(toneText);
            } catch (IllegalArgumentException e) {
                reasons.add("tone: must be formal, friendly or plain");
            }
        }
        String addressText = string(root, "address", reasons);
        Address address = null;
        if (addressText != null) {
            try {
                address = Address.of(addressText);
            } catch (IllegalArgumentException e) {
                reasons.add("address: must be Sie or du");
            }
        }
        List<String> languages = strings(root, "languages", reasons);
        languages.stream().filter(l -> !LANGUAGE.matcher(l).matches()).forEach(l -> reasons.add("languages: '" + l + "' is no language code"));
        List<String> traits = strings(root, "traits", reasons);
        List<String> rules = strings(root, "rules", reasons);
        List<String> topics = strings(root, "topics", reasons);
        List<String> refused = strings(root, "refusedTopics", reasons);
        String greeting = string(root, "greeting", reasons);
        String escalation = string(root, "escalation", reasons);
        CharacterSpec.Contact contact = null;
        JsonNode c = root.get("contact");
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                reasons.add("contact: must be an object");
            } else {
                String email = string(c, "email", reasons);
                if (email != null && !EMAIL.matcher(email).matches()) {
                    reasons.add("contact.email: not an e-mail address");
                }
                contact = new CharacterSpec.Contact(email, string(c, "phone", reasons), string(c, "url", reasons),
                        string(c, "hours", reasons));
                contact = contact.isEmpty() ? null : contact;
            }
        }
        if (!reasons.isEmpty()) {
            return null;
        }
        return new PromptReading.Read(name, role, organisation, organisationType, audience, tone, address, languages,
                traits, rules, topics, refused, greeting, contact, escalation, null);
    }

    private static String strip(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("```")) {
            t = t.replaceFirst("^```(?:json)?\\s*", "").replaceFirst("\\s*```$", "");
        }
        return t;
    }

    private static String string(JsonNode node, String key, List<String> reasons) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            reasons.add(key + ": must be a string");
            return null;
        }
        String s = v.stringValue().strip();
        if (s.length() > MAX_TEXT) {
            reasons.add(key + ": longer than " + MAX_TEXT + " characters");
        }
        return s.isEmpty() ? null : s;
    }

    private static List<String> strings(JsonNode node, String key, List<String> reasons) {
        JsonNode v = node.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            reasons.add(key + ": must be an array of strings");
            return out;
        }
        if (v.size() > MAX_ITEMS) {
            reasons.add(key + ": more than " + MAX_ITEMS + " items");
        }
        for (JsonNode item : v) {
            if (!item.isString() || item.stringValue().isBlank()) {
                reasons.add(key + ": items must be non-empty strings");
                return out;
            }
            out.add(item.stringValue().strip());
        }
        return out;
    }

    private static Map<String, Object> properties() {
        Map<String, Object> text = Map.of("type", List.of("string", "null"));
        Map<String, Object> list = Map.of("type", "array", "items", Map.of("type", "string"));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", text);
        p.put("role", text);
        p.put("organisation", text);
        p.put("organisationType", text);
        p.put("audience", text);
        p.put("tone", Map.of("type", List.of("string", "null"), "enum", java.util.Arrays.asList("formal", "friendly", "plain", null)));
        p.put("address", Map.of("type", List.of("string", "null"), "enum", java.util.Arrays.asList("Sie", "du", null)));
        p.put("languages", list);
        p.put("traits", list);
        p.put("rules", list);
        p.put("topics", list);
        p.put("refusedTopics", list);
        p.put("greeting", text);
        p.put("escalation", text);
        p.put("contact", Map.of("type", List.of("object", "null"), "properties", Map.of("email", text, "phone", text,
                "url", text, "hours", text)));
        return p;
    }

    private static Map<String, Object> schema() {
        return Map.of("type", "object", "properties", PROPERTIES, "required",
                List.of("tone", "address", "topics", "refusedTopics"), "additionalProperties", false);
    }
}
