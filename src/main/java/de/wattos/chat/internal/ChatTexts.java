package de.wattos.chat.internal;

import de.wattos.knowledge.SearchHit;
import de.wattos.platform.text.Language;
import de.wattos.tenancy.TenantContact;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The texts the assistant says by itself (no-answer, refusal, errors) in the conversation's language, from the
 * {@code messages/chat} bundles: German by default, English for English conversations.
 */
@Component
class ChatTexts {

    private final MessageSource messages;

    ChatTexts(MessageSource messages) {
        this.messages = messages;
    }

    String text(String key, String language, Object... args) {
        return messages.getMessage(key, args, locale(language));
    }

    static Locale locale(String language) {
        return Language.ENGLISH.equals(language) ? Locale.ENGLISH : Locale.GERMAN;
    }

    /**
     * The honest no-answer: no reliable answer, the two or three pages that come closest (as links), and how to
     * reach the tenant (its contact from the tenant settings, else the configured fallback).
     */
    String noAnswer(String language, List<SearchHit> nearby, TenantContact contact, String fallbackContact) {
        StringBuilder out = new StringBuilder(text("chat.noAnswer", language));
        List<String> links = new ArrayList<>();
        for (SearchHit h : nearby) {
            if (h.url() != null && h.url().matches("(?i)https?://\\S+")) {
                String title = h.title() == null || h.title().isBlank() ? h.url() : h.title().replaceAll("[\\[\\]]", "");
                links.add("- [" + title + "](" + h.url() + ")");
            }
        }
        if (!links.isEmpty()) {
            out.append("\n\n").append(text("chat.noAnswer.pages", language)).append('\n').append(String.join("\n", links));
        }
        out.append("\n\n").append(contact(language, contact, fallbackContact));
        return out.toString();
    }

    String refusal(String language, TenantContact contact, String fallbackContact) {
        return text("chat.refusal", language) + " " + contact(language, contact, fallbackContact);
    }

    String contact(String language, TenantContact contact, String fallbackContact) {
        if (contact == null || contact.isEmpty()) {
            return text("chat.contact.fallback", language, fallbackContact);
        }
        List<String> parts = new ArrayList<>();
        if (contact.email() != null) {
            parts.add(text("chat.contact.email", language, contact.email()));
        }
        if (contact.phone() != null) {
            parts.add(text("chat.contact.phone", language, contact.phone()));
        }
        if (contact.url() != null) {
            parts.add(text("chat.contact.url", language, contact.url()));
        }
        if (contact.hours() != null) {
            parts.add(text("chat.contact.hours", language, contact.hours()));
        }
        return text("chat.contact", language, text("chat.contact.whom", language), String.join(", ", parts));
    }

    String error(String code, String language) {
        String key = switch (code) {
            case "rate_limited", "budget_exceeded" -> "chat.error.busy";
            case "timeout" -> "chat.error.timeout";
            case "provider_unavailable" -> "chat.error.unavailable";
            case "malformed_response" -> "chat.error.malformed";
            case "internal_error" -> "chat.error.internal";
            default -> "chat.error.other";
        };
        return text(key, language);
    }
}
