package de.wattos.kb.review.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Labels of the review queue: German unless the request asks for English (Accept-Language). */
@Component
class ReviewTexts {

    private final MessageSource messages;

    ReviewTexts(MessageSource messages) {
        this.messages = messages;
    }

    String label(String key, String fallback) {
        return messages.getMessage(key, null, fallback, locale());
    }

    private static Locale locale() {
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
