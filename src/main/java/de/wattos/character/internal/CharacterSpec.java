package de.wattos.character.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Everything a character is: stored as jsonb, versioned, and the shape of {@code define}'s proposal. {@code topics}
 * are what it helps with, {@code refusedTopics} what it declines, saying {@code refusalText} (null: the default in
 * the character's form of address). Lists are never null once normalised.
 */
public record CharacterSpec(String name, String role, String organisation, String audience, Tone tone, Address address,
        List<String> languages, List<String> traits, List<String> rules, List<String> topics, List<String> refusedTopics,
        String greeting,
        String noAnswerText, String refusalText, Contact contact, String escalation, Voice voice, String avatarId) {

    public CharacterSpec {
        languages = languages == null ? List.of() : List.copyOf(languages);
        traits = traits == null ? List.of() : List.copyOf(traits);
        rules = rules == null ? List.of() : List.copyOf(rules);
        topics = topics == null ? List.of() : List.copyOf(topics);
        refusedTopics = refusedTopics == null ? List.of() : List.copyOf(refusedTopics);
    }

    public record Contact(String email, String phone, String url, String hours) {

        @JsonIgnore
        public boolean isEmpty() {
            return email == null && phone == null && url == null && hours == null;
        }

        /** One line for prompts and no-answer texts. */
        @JsonIgnore
        public String line() {
            List<String> parts = new java.util.ArrayList<>();
            if (email != null) {
                parts.add("E-Mail: " + email);
            }
            if (phone != null) {
                parts.add("Telefon: " + phone);
            }
            if (url != null) {
                parts.add(url);
            }
            if (hours != null) {
                parts.add("Sprechzeiten: " + hours);
            }
            return parts.isEmpty() ? null : String.join(", ", parts);
        }
    }

    /** Kept as plain values: the voice module interprets them. */
    public record Voice(String provider, String voice, Double rate) {
    }
}
