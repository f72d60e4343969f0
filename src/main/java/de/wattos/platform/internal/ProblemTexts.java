package de.wattos.platform.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The human texts of problem+json answers, from the message bundles ({@code spring.messages.basename}) in the
 * caller's language: German unless the request asks for English. Lookup order for a detail: the given text used
 * as a bundle key (so code may pass a key), then the key {@code problem.<code>}, then the given text as it is
 * (English, for modules that have no bundle entry yet). Codes whose detail varies with the situation should
 * therefore pass a key, not rely on {@code problem.<code>}.
 */
@Component
public class ProblemTexts {

    private final MessageSource messages;
    private final LocaleResolver locales;

    ProblemTexts(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    public Locale locale(HttpServletRequest request) {
        if (request == null) {
            return WebLocales.DEFAULT;
        }
        try {
            return locales.resolveLocale(request);
        } catch (IllegalArgumentException malformedHeader) {
            return WebLocales.DEFAULT;
        }
    }

    public String title(HttpStatus status, Locale locale) {
        return messages.getMessage("problem.title." + status.value(), null, status.getReasonPhrase(), locale);
    }

    public String detail(String code, String fallback, Object[] args, Locale locale) {
        String byKey = fallback == null ? null : messages.getMessage(fallback, args, null, locale);
        if (byKey != null) {
            return byKey;
        }
        String byCode = messages.getMessage("problem." + code, args, null, locale);
        return byCode != null ? byCode : fallback;
    }

    /** A field error message or other text that may be a bundle key; returned unchanged when it is not one. */
    public String text(String keyOrText, Object[] args, Locale locale) {
        if (keyOrText == null) {
            return null;
        }
        String resolved = messages.getMessage(keyOrText, args, null, locale);
        return resolved != null ? resolved : keyOrText;
    }
}
