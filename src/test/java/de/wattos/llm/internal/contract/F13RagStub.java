package de.wattos.llm.internal.contract;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * F13 with its retrieval routes (as assumed in {@code F13Wire}): {@code GET /rag/sources} names three sources,
 * {@code POST /rag/database} answers "Antwort auf: {question}" with one source with text and one without; both take a
 * token it issued. {@code ragStatus} makes retrieval fail, {@code garbledSources} makes the source list garbage.
 */
public class F13RagStub extends F13Stub {
    public volatile int ragStatus = 200;

    public volatile boolean garbledSources;

    @Override
    protected boolean serveOther(HttpExchange ex, Received r) throws IOException {
        if (r.path().equals("/rag/sources") && r.method().equals("GET")) {
            String auth = r.header("authorization");
            if (auth == null || !valid.contains(auth.substring(7))) {
                send(ex, 401, "application/json", json(Map.of("detail", "Not authenticated")));
            } else if (garbledSources) {
                send(ex, 200, "application/json", json(Map.of("unexpected", true)));
            } else {
                send(ex, 200, "application/json", json(Map.of("sources", List.of(Map.of("name", "Landesrecht"),
                        Map.of("name", "Kommunalrecht"), "Förderprogramme"))));
            }
            return true;
        }
        if (r.path().equals("/rag/database")) {
            String auth = r.header("authorization");
            if (auth == null || !valid.contains(auth.substring(7))) {
                send(ex, 401, "application/json", json(Map.of("detail", "Not authenticated")));
            } else if (ragStatus != 200) {
                send(ex, ragStatus, "application/json", json(Map.of("detail", "Permission service unavailable")));
            } else {
                String q = r.json().path("question").asString();
                send(ex, 200, "application/json", json(Map.of("answer", "Antwort auf: " + q, "sources", List.of(
                        Map.of("content", "Die Hundesteuer beträgt 96 Euro.", "metadata",
                                Map.of("title", "Hundesteuersatzung", "url", "https://land.example/hundesteuer")),
                        Map.of("content", "")))));
            }
            return true;
        }
        return super.serveOther(ex, r);
    }
}
