package de.wattos.f13.internal;

import de.wattos.kb.SyncItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every field WattOS sends to or reads from F13, in one place. F13's exact schemas are published only in its own
 * repositories, so reading is lenient: only the fields named here are looked at, anything else is ignored, and a
 * body that is not the expected JSON is reported, never thrown.
 *
 * <p>Sent to the operator's ingestion endpoint ({@code POST}, JSON, bearer token):
 * {@code {"source": "wattos", "collection": <target name>, "documents": [{"id", "version", "delivery_id",
 * "action": "upsert"|"delete", "title", "url", "text", "approved_at"}]}}.
 * <p>Read from errors: FastAPI's {@code {"detail": "…"}} or {@code {"detail": [{"msg": "…"}]}}, APISIX's
 * {@code {"message": "…"}}, Keycloak's {@code {"error", "error_description"}}.
 */
final class F13Wire {

    private F13Wire() {
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
