package de.wattos.f13.internal;

import de.wattos.kb.SyncItem;
import de.wattos.platform.Multipart;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every field WattOS sends to or reads from F13, in one place. F13's exact schemas are published only in its own
 * repositories, so reading is lenient: only the fields named here are looked at, anything else is ignored, and a
 * body that is not the expected JSON is reported, never thrown.
 *
 * <p>Sent to the operator's ingestion endpoint ({@code POST}, JSON, bearer token):
 * {@code {"source": "wattos", "collection": <target name>, "documents": [{"id", "version", "delivery_id",
 * "action": "upsert"|"delete", "title", "url", "text", "approved_at", "valid_from", "valid_to", "persona_ids",
 * "reason"}]}}: {@code valid_from}/{@code valid_to} the period an article may be served (null = open; once it has
 * passed, a {@code delete} with {@code reason: "expired"} follows), {@code persona_ids} the target groups (empty =
 * everyone), {@code reason} why a {@code delete} happens ({@code removed}, {@code withdrawn}, {@code expired}).
 * <p>Read from errors: FastAPI's {@code {"detail": "…"}} or {@code {"detail": [{"msg": "…"}]}}, APISIX's
 * {@code {"message": "…"}}, Keycloak's {@code {"error", "error_description"}}.
 *
 * <p><b>Chat</b> (F13 as a language model). Documented limits we honour before sending: no {@code system} role (F13
 * answers 422), at most {@value #MAX_HISTORY} messages (422 beyond). Everything else below is an <i>assumption</i>
 * (F13's schemas are not published outside its own repositories; none could be read here) and is read leniently:
 * <ul>
 * <li>request to {@code POST /chat/completion} and {@code /chat/completion/stream}: {@code {"language_model": <model>,
 * "messages": [{"role": "user"|"assistant", "content"}]}} (ASSUMED field names; temperature and token limits are not
 * sent, since it is unknown whether F13 accepts them);</li>
 * <li>completion answer: the text in {@code content}, else {@code message.content}, {@code answer},
 * {@code choices[0].message.content} (ASSUMED); token counts from {@code usage.prompt_tokens} /
 * {@code usage.completion_tokens} when present (ASSUMED), else estimated;</li>
 * <li>stream: Server-Sent Events ({@code data: <json>}) or one JSON object a line (ASSUMED either); the delta in
 * {@code content}, else {@code delta}, {@code text}, {@code choices[0].delta.content}; the end is {@code [DONE]}, an
 * event {@code {"type": "done"|"end"}} (which may carry {@code usage}) or the body closing normally (ASSUMED); an event with {@code "type": "error"}
 * or an {@code error}/{@code detail} field is an error (ASSUMED);</li>
 * <li>{@code GET /chat/llms}: a JSON array, or an object with {@code llms}/{@code models}/{@code data}, of names or of
 * objects naming the model in {@code name}, {@code id}, {@code label} or {@code model} (ASSUMED).</li>
 * </ul>
 *
 * <p><b>Retrieval</b> ({@code POST /rag/database}), all ASSUMED: request {@code {"question", "max_chunks_count",
 * "sources"}} ({@code sources} only when the tenant chose some of those {@code GET /rag/sources} lists, see
 * {@link #ragSourceNames});
 * answer {@code {"answer": "…", "sources": [...]}} with the sources also under {@code documents} or {@code chunks};
 * a source's text in {@code content} (else {@code text}, {@code page_content}), its title and link in {@code title} /
 * {@code url} (else {@code metadata.title}, {@code metadata.url}, {@code source}).
 *
 * <p><b>Summary</b> ({@code POST /summary/text}), all ASSUMED: request {@code {"text", "language_model"}} (the model
 * only when the tenant's connection names one); answer {@code {"summary": "…"}}, else {@code content}, {@code text},
 * {@code answer}.
 *
 * <p><b>File summary</b> ({@code POST /summary/file}), all ASSUMED: {@code multipart/form-data} with the part
 * {@code file} (the upload's bytes as they arrived, with its file name and type) and the field {@code language_model}
 * (only when the connection names a model); the answer is read as for {@code /summary/text}. Sent only for the types in
 * {@link #SUMMARY_FILE_TYPES} up to {@link #SUMMARY_FILE_MAX_BYTES}; other files and crawled pages go to
 * {@code /summary/text}.
 */
public final class F13Wire {

    /** F13 refuses a longer history with 422 (documented limit). */
    static final int MAX_HISTORY = 100;

    private F13Wire() {
    }

    /** A chat message as F13 takes it: role {@code user} or {@code assistant}. */
    public record Message(String role, String content) {
    }

    /**
     * The conversation in the shape F13 accepts: system prompts (refused by F13 with 422) become a preamble of the
     * first user message, the history is cut to its last {@value #MAX_HISTORY} messages (the preamble survives: it is
     * added after cutting), and the history starts with a user message.
     */
    static List<Message> conversation(List<String> systemPrompts, List<Message> turns) {
        List<Message> kept = new java.util.ArrayList<>(turns.size() > MAX_HISTORY
                ? turns.subList(turns.size() - MAX_HISTORY, turns.size()) : turns);
        while (!kept.isEmpty() && !"user".equals(kept.getFirst().role())) {
            kept.removeFirst();
        }
        String preamble = systemPrompts.stream().filter(p -> p != null && !p.isBlank()).map(String::strip)
                .collect(java.util.stream.Collectors.joining("\n\n"));
        if (!preamble.isEmpty()) {
            if (kept.isEmpty()) {
                kept.add(new Message("user", preamble));
            } else {
                kept.set(0, new Message("user", preamble + "\n\n" + kept.getFirst().content()));
            }
        }
        return kept;
    }

    static Map<String, Object> chatRequest(String model, List<Message> messages) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("language_model", model); // ASSUMED name
        body.put("messages", messages.stream().map(m -> Map.of("role", m.role(), "content", m.content())).toList());
        return body;
    }

    /** The answer text of a blocking completion, or null when none of the assumed fields holds one. */
    static String completionText(JsonNode body) {
        return firstString(body.get("content"), body.path("message").get("content"), body.get("answer"),
                body.path("choices").path(0).path("message").get("content"));
    }

    /** The text of one streamed event (may be null: an event without text). */
    static String deltaText(JsonNode event) {
        return firstString(event.get("content"), event.get("delta"), event.get("text"),
                event.path("choices").path(0).path("delta").get("content"));
    }

    static boolean isEnd(JsonNode event) {
        String type = event.path("type").asString("");
        return "done".equals(type) || "end".equals(type) || event.path("done").asBoolean(false);
    }

    /** The message of an error event, or null when the event is no error. */
    static String streamError(JsonNode event) {
        if ("error".equals(event.path("type").asString(""))) {
            String m = firstString(event.get("message"), event.get("detail"), event.get("error"), event.get("content"));
            return m == null ? "error event" : m;
        }
        if (event.has("error") || event.has("detail")) {
            String m = firstString(event.get("error"), event.get("detail"), event.path("error").get("message"));
            return m == null ? event.toString() : m;
        }
        return null;
    }

    static Integer usage(JsonNode body, String field) {
        JsonNode n = body.path("usage").get(field);
        return n != null && n.isNumber() ? n.intValue() : null;
    }

    /** Model names from {@code /chat/llms}; null when the body has none of the assumed shapes. */
    static List<String> modelNames(JsonNode body) {
        JsonNode list = body.isArray() ? body : null;
        for (String field : List.of("llms", "models", "data")) {
            if (list == null && body.path(field).isArray()) {
                list = body.get(field);
            }
        }
        if (list == null) {
            return null;
        }
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode entry : list) {
            String name = entry.isString() ? entry.asString()
                    : firstString(entry.get("name"), entry.get("id"), entry.get("label"), entry.get("model"));
            if (name != null && !name.isBlank()) {
                names.add(name);
            }
        }
        return names;
    }

    /** One source F13 named for a retrieval answer. */
    public record RagSource(String title, String url, String text) {
    }

    public record RagAnswer(String answer, List<RagSource> sources) {
    }

    static Map<String, Object> ragRequest(String question, int maxSources, List<String> sources) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("question", question); // ASSUMED
        body.put("max_chunks_count", maxSources); // ASSUMED
        if (!sources.isEmpty()) {
            body.put("sources", sources); // ASSUMED: the names /rag/sources lists
        }
        return body;
    }

    /**
     * The retrieval sources of {@code GET /rag/sources} (ASSUMED): a JSON array, or an object with {@code sources} /
     * {@code data}, of names or of objects naming the source in {@code name}, {@code id} or {@code title}; null when
     * the body has none of these shapes.
     */
    static List<String> ragSourceNames(JsonNode body) {
        JsonNode list = body.isArray() ? body : body.path("sources").isArray() ? body.get("sources")
                : body.path("data").isArray() ? body.get("data") : null;
        if (list == null) {
            return null;
        }
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode entry : list) {
            String name = entry.isString() ? entry.asString() : firstString(entry.get("name"), entry.get("id"), entry.get("title"));
            if (name != null && !name.isBlank() && !names.contains(name.strip())) {
                names.add(name.strip());
            }
        }
        return names;
    }

    /** F13's retrieval answer; sources without text are dropped. */
    static RagAnswer ragAnswer(JsonNode body) {
        JsonNode list = null;
        for (String field : List.of("sources", "documents", "chunks")) {
            if (list == null && body.path(field).isArray()) {
                list = body.get(field);
            }
        }
        if (list == null && body.isArray()) {
            list = body;
        }
        List<RagSource> sources = new java.util.ArrayList<>();
        if (list != null) {
            for (JsonNode s : list) {
                String text = firstString(s.get("content"), s.get("text"), s.get("page_content"));
                if (text == null || text.isBlank()) {
                    continue;
                }
                JsonNode meta = s.path("metadata");
                sources.add(new RagSource(firstString(s.get("title"), meta.get("title")),
                        firstString(s.get("url"), meta.get("url"), s.get("source"), meta.get("source")), text));
            }
        }
        return new RagAnswer(body.isObject() ? firstString(body.get("answer"), body.get("content")) : null, sources);
    }

    static Map<String, Object> summaryRequest(String text, String model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text); // ASSUMED
        if (model != null && !model.isBlank()) {
            body.put("language_model", model); // ASSUMED, as for chat
        }
        return body;
    }

    /** File types F13's file summary takes (ASSUMED: the office formats its summary feature names). */
    static final Set<String> SUMMARY_FILE_TYPES = Set.of("application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    /** Larger files are not sent to {@code /summary/file} (ASSUMED limit); their extracted text goes to {@code /summary/text}. */
    static final long SUMMARY_FILE_MAX_BYTES = 20L * 1024 * 1024;

    /** Whether a file of this type and size goes to {@code /summary/file}. */
    static boolean summaryFileAccepted(String contentType, long size) {
        return contentType != null && size > 0 && size <= SUMMARY_FILE_MAX_BYTES
                && SUMMARY_FILE_TYPES.contains(baseType(contentType));
    }

    /** The form of {@code POST /summary/file}: part {@code file}, field {@code language_model} when set. */
    static Multipart summaryFileParts(String filename, String contentType, byte[] bytes, String model) {
        String name = filename == null || filename.isBlank() ? "dokument" : filename;
        return new Multipart().file("file", name, baseType(contentType), bytes) // ASSUMED
                .field("language_model", model == null || model.isBlank() ? null : model); // ASSUMED, as for chat
    }

    private static String baseType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** The summary text of F13's answer, or null when none of the assumed fields holds one. */
    static String summaryText(JsonNode body) {
        if (body == null || !body.isObject()) {
            return null;
        }
        return firstString(body.get("summary"), body.get("content"), body.get("text"), body.get("answer"));
    }

    private static String firstString(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n != null && n.isString()) {
                return n.asString();
            }
        }
        return null;
    }

    static Map<String, Object> ingestion(String collection, List<SyncItem> batch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", "wattos");
        body.put("collection", collection);
        body.put("documents", batch.stream().map(F13Wire::document).toList());
        return body;
    }

    private static Map<String, Object> document(SyncItem i) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", i.itemId());
        d.put("version", i.version());
        d.put("delivery_id", i.deliveryId());
        d.put("action", i.deleted() ? "delete" : "upsert");
        d.put("title", i.title());
        d.put("url", i.url());
        d.put("text", i.text());
        d.put("approved_at", i.approvedAt() == null ? null : i.approvedAt().toString());
        d.put("valid_from", i.validFrom() == null ? null : i.validFrom().toString());
        d.put("valid_to", i.validTo() == null ? null : i.validTo().toString());
        d.put("persona_ids", i.personaIds().stream().map(Object::toString).toList());
        d.put("reason", i.reason());
        return d;
    }

    /** A short reason from an error body: ": <detail>" or "" when there is none worth showing. */
    static String errorOf(JsonMapper json, String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String reason;
        try {
            JsonNode node = json.readTree(body);
            JsonNode detail = node.path("detail");
            if (detail.isString()) {
                reason = detail.asString();
            } else if (detail.isArray() && !detail.isEmpty()) {
                reason = detail.get(0).path("msg").asString(detail.get(0).toString());
            } else if (node.path("error_description").isString()) {
                reason = node.path("error_description").asString();
            } else if (node.path("message").isString()) {
                reason = node.path("message").asString();
            } else if (node.path("error").isString()) {
                reason = node.path("error").asString();
            } else {
                reason = "unexpected JSON";
            }
        } catch (RuntimeException e) {
            reason = "no JSON";
        }
        return ": " + (reason.length() > 200 ? reason.substring(0, 200) + " …" : reason);
    }
}
