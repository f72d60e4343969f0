package de.wattos.chat;

import de.wattos.support.TestApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** Reads a Server-Sent Events answer the way a browser would: {@code event:}/{@code data:} lines, comments, blank-line dispatch. */
final class SseClient {

    record Event(String name, JsonNode data) {
        String text(String field) {
            return data.path(field).asString();
        }
    }

    record Stream(int status, String contentType, List<Event> events, List<String> comments) {
        List<Event> named(String name) {
            return events.stream().filter(e -> e.name().equals(name)).toList();
        }

        Event first(String name) {
            return named(name).getFirst();
        }

        String deltas() {
            StringBuilder sb = new StringBuilder();
            named("delta").forEach(e -> sb.append(e.text("text")));
            return sb.toString();
        }
    }

    private SseClient() {
    }

    /** Posts a streaming message and reads events until the server ends the stream or {@code stopAfter} says so (then disconnects). */
    static Stream post(TestApi api, String path, String token, String content, Predicate<List<Event>> stopAfter)
            throws IOException, InterruptedException {
        String body = TestApi.JSON.writeValueAsString(java.util.Map.of("content", content, "stream", true));
        HttpRequest request = api.builder(path, token).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<InputStream> response = api.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<Event> events = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200) {
            try (InputStream in = response.body()) {
                events.add(new Event("http_error", TestApi.JSON.readTree(in.readAllBytes())));
            }
            return new Stream(response.statusCode(), contentType, events, comments);
        }
        InputStream in = response.body();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String name = null;
        StringBuilder data = new StringBuilder();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (name != null || !data.isEmpty()) {
                        events.add(new Event(name == null ? "message" : name, TestApi.JSON.readTree(data.toString())));
                        name = null;
                        data.setLength(0);
                        if (stopAfter != null && stopAfter.test(events)) {
                            break;
                        }
                    }
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                }
            }
        } finally {
            in.close(); // before the end of the stream this drops the connection: the server sees the client go
        }
        return new Stream(response.statusCode(), contentType, events, comments);
    }
}
