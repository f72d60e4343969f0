package de.wattos.agent.internal.text;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What the agent module says to citizens, German first and English second (bundle {@code messages/agent}). The
 * language is the conversation's ({@code de}, {@code en}); anything else reads German.
 */
@Component
public class AgentTexts {

    private final MessageSource messages;

    public AgentTexts(MessageSource messages) {
        this.messages = messages;
    }

    public String get(String language, String key, Object... args) {
        return messages.getMessage(key, args, key, locale(language));
    }

    public static Locale locale(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.GERMAN;
    }
}
