package de.wattos.character;

import java.util.List;

/**
 * The tenant's default character as the chat's prompt needs it. {@code address} is {@code Sie} or {@code du};
 * {@code contact} is one line (e-mail, phone, URL) or null.
 */
public record AssistantCharacter(String name, String role, String organisation, String tone, String address,
        List<String> languages, List<String> rules, List<String> refusedTopics, String greeting, String noAnswerText,
        String contact, String escalation) {

    public AssistantCharacter {
        languages = List.copyOf(languages);
        rules = List.copyOf(rules);
        refusedTopics = List.copyOf(refusedTopics);
    }
}
