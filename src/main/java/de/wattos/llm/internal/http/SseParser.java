package de.wattos.llm.internal.http;

/**
 * Server-Sent Events framing (WHATWG): {@code event:} and {@code data:} lines, a blank line dispatches,
 * comments ({@code :}) are ignored, several data lines join with a newline.
 */
public final class SseParser {

    public interface EventHandler {
        /** Returns true if this event ends the stream. */
        boolean event(String event, String data);
    }

    private final EventHandler handler;
    private String event;
    private StringBuilder data;

    public SseParser(EventHandler handler) {
        this.handler = handler;
    }

    /** Feeds one line; returns true once the handler saw the final event. */
    public boolean line(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return false;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> event = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                // id, retry: not needed
            }
        }
        return false;
    }

    /** Dispatches a pending event at the end of the body (a server that omits the last blank line). */
    public boolean flush() {
        return dispatch();
    }

    private boolean dispatch() {
        if (data == null) {
            event = null;
            return false;
        }
        String e = event == null ? "message" : event;
        String d = data.toString();
        event = null;
        data = null;
        return handler.event(e, d);
    }
}
