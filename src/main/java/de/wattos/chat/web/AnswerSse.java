package de.wattos.chat.web;

import de.wattos.chat.AnswerStream;
import de.wattos.chat.internal.ChatProperties;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves a streamed answer as Server-Sent Events: {@code answer} starts it on the stream handed over (usually
 * {@code stream -> chat.askStreaming(..., stream)}), the returned emitter is what a controller answers with.
 */
@Component
public class AnswerSse {

    private final ChatProperties properties;
    private final JsonMapper json;

    AnswerSse(ChatProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    public SseEmitter serve(Consumer<AnswerStream> answer) {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        answer.accept(new SseAnswerStream(emitter, json));
        return emitter;
    }
}
