package de.wattos.character.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** User-facing texts of this module: German unless the request asks for English (Accept-Language). */
@Component
class Texts {

    private final MessageSource messages;

    Texts(MessageSource messages) {
        this.messages = messages;
    }

    String get(String key, Object... args) {
        return messages.getMessage(key, args, key, locale());
    }

    /** A dropped target group's reason: its causes joined into the last argument. */
    String render(PersonaGeneration.Reason reason) {
        List<Object> args = new ArrayList<>(reason.args());
        if (!reason.causes().isEmpty()) {
            args.add(String.join(", ", reason.causes().stream().map(this::render).toList()));
        }
        return get(reason.key(), args.toArray());
    }

    static Locale locale() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String header = request.getHeader("Accept-Language");
            if (header != null && header.strip().toLowerCase(Locale.ROOT).startsWith("en")) {
                return Locale.ENGLISH;
            }
        }
        return Locale.GERMAN;
    }
}
