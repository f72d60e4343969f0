package de.wattos.character;

import java.util.List;

/**
 * The tenant's default character as the chat's prompt needs it. {@code address} is {@code Sie} or {@code du};
 * {@code contact} is one line (e-mail, phone, URL) or null. {@code refusalText} is what it says to a question on
 * a refused topic, already in its form of address ("Wende dich bitte an …" for du). {@code avatarId} is its
 * avatar in the tenant's library, null for none (the generated default). {@code voice} is how it speaks, null for the
 * tenant's default voice.
 */
public record AssistantCharacter(String name, String role, String organisation, String tone, String address,
        List<String> languages, List<String> rules, List<String> refusedTopics, String greeting, String noAnswerText,
        String contact, String escalation, String refusalText, java.util.UUID avatarId, SpeakingVoice voice) {

    /**
     * A speech provider by its configured name ({@code espeak} for the built-in engine, null for the tenant's
     * default), a provider-specific voice name and a speaking rate (null = normal); the voice module interprets them.
     */
    public record SpeakingVoice(String provider, String voice, Double rate) {
    }

    public AssistantCharacter {
        languages = List.copyOf(languages);
        rules = List.copyOf(rules);
        refusedTopics = List.copyOf(refusedTopics);
    }
}
