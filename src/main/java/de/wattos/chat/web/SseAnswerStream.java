package de.wattos.chat.web;

import de.wattos.chat.AnswerStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/** Answer events as Server-Sent Events: {@code event: <name>} with a JSON {@code data:} line; pings as {@code : ping}. */
final class SseAnswerStream implements AnswerStream {

    private static final MediaType UTF8_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final SseEmitter emitter;
    private final JsonMapper json;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean gone = new AtomicBoolean();
    private final AtomicReference<Runnable> onGone = new AtomicReference<>();

    SseAnswerStream(SseEmitter emitter, JsonMapper json) {
        this.emitter = emitter;
        this.json = json;
        emitter.onError(e -> gone());
        emitter.onTimeout(this::gone);
        emitter.onCompletion(() -> {
            if (!closed.get()) {
                gone();
            }
        });
    }

    @Override
    public boolean send(String event, Object payload) {
        if (gone.get() || closed.get()) {
            return false;
        }
        try {
            emitter.send(SseEmitter.event().name(event).data(json.writeValueAsString(payload), UTF8_TEXT));
            return true;
        } catch (IOException | IllegalStateException e) {
            gone();
            return false;
        }
    }

    @Override
    public boolean ping() {
        if (gone.get() || closed.get()) {
            return false;
        }
        try {
            emitter.send(SseEmitter.event().comment("ping"));
            return true;
        } catch (IOException | IllegalStateException e) {
            gone();
            return false;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                emitter.complete();
            } catch (RuntimeException ignored) {
                // already completed by the container
            }
        }
    }

    @Override
    public void onGone(Runnable action) {
        onGone.set(action);
        if (gone.get()) {
            Thread.ofVirtual().name("chat-client-gone").start(action);
        }
    }

    /**
     * The client is gone. The reaction (cancelling the answer, which completes this emitter) runs on its own
     * virtual thread: this may be called from the container's error callback or from inside a failed send, where
     * completing the emitter right away could wait on locks the caller holds.
     */
    private void gone() {
        if (gone.compareAndSet(false, true)) {
            Runnable action = onGone.get();
            if (action != null) {
                Thread.ofVirtual().name("chat-client-gone").start(action);
            }
        }
    }
}
