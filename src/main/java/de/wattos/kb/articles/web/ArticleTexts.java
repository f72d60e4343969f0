package de.wattos.kb.articles.web;

import de.wattos.kb.articles.ArticleStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Labels shown to users for articles: German unless the request asks for English (Accept-Language). */
@Component
class ArticleTexts {

    private final MessageSource messages;

    ArticleTexts(MessageSource messages) {
        this.messages = messages;
    }

    String label(ArticleStatus status) {
        return messages.getMessage(status.labelKey(), null, status.name(), locale());
    }

    /** {@code f13}, {@code model} or {@code extractive}, as the editor reads it. */
    String summarySource(String source) {
        return messages.getMessage("kb.article.summary_source." + source, null, source, locale());
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
