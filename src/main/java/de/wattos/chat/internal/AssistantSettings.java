package de.wattos.chat.internal;

import de.wattos.tenancy.TenantContact;
import de.wattos.tenancy.TenantSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What shapes the assistant of a tenant, read from the tenant's {@code settings} map (until characters and agents
 * take over). Every key is optional; see docs/chat.md for the keys.
 */
public record AssistantSettings(String assistantName, String organization, String tone, String language,
        List<String> refusedTopics, String contact, TenantContact contactDetails, String refusalText) {

    public static final String DEFAULT_NAME = "der digitale Assistent";
    public static final String DEFAULT_TONE = "freundlich, sachlich und in einfacher Sprache";
    public static final String DEFAULT_LANGUAGE = "Deutsch";

    public AssistantSettings {
        refusedTopics = List.copyOf(refusedTopics);
        contactDetails = contactDetails == null ? TenantContact.NONE : contactDetails;
    }

    public static AssistantSettings defaults(String organization, String defaultContact) {
        return new AssistantSettings(DEFAULT_NAME, organization, DEFAULT_TONE, DEFAULT_LANGUAGE, List.of(), defaultContact,
                TenantContact.NONE, null);
    }

    /** Reads the settings map; unknown keys are ignored, missing or blank ones take defaults. */
    public static AssistantSettings from(Map<String, ?> settings, String organization, String defaultContact) {
        Map<String, ?> s = settings == null ? Map.of() : settings;
        Map<String, ?> nested = s.get("assistant") instanceof Map<?, ?> m ? cast(m) : Map.of();
        String name = text(first(s, nested, "assistantName", "name"));
        String org = text(first(s, Map.of(), "organizationName", "organisation", "organization", "displayName"));
        String tone = text(first(s, nested, "tone", "assistantTone"));
        String language = text(first(s, nested, "language", "assistantLanguage"));
        List<String> topics = list(first(s, nested, "refusedTopics", "topicsToRefuse", "blockedTopics"));
        String contact = contact(first(s, nested, "contact", "noAnswerContact", "contactInfo"));
        return new AssistantSettings(
                name == null ? DEFAULT_NAME : name,
                org == null ? organization : org,
                tone == null ? DEFAULT_TONE : tone,
                language == null ? DEFAULT_LANGUAGE : language,
                topics,
                contact == null ? defaultContact : contact,
                TenantContact.fromStored(s.get(TenantSettings.CONTACT_KEY)), null);
    }

    /** The first refused topic the question touches (case-insensitive containment), or null. */
    public String refusedTopicIn(String question) {
        String q = question.toLowerCase(Locale.ROOT);
        for (String topic : refusedTopics) {
            String t = topic.toLowerCase(Locale.ROOT).strip();
            if (!t.isEmpty() && q.contains(t)) {
                return topic;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }

    private static Object first(Map<String, ?> s, Map<String, ?> nested, String... keys) {
        for (String key : keys) {
            Object v = s.get(key);
            if (v == null) {
                v = nested.get(key);
            }
            if (v != null && !(v instanceof String str && str.isBlank())) {
                return v;
            }
        }
        return null;
    }

    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v).strip();
        return s.isEmpty() ? null : s;
    }

    private static List<String> list(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            c.forEach(x -> {
                String t = text(x);
                if (t != null) {
                    out.add(t);
                }
            });
        } else if (v != null) {
            Arrays.stream(String.valueOf(v).split("[,;\\n]")).map(String::strip).filter(t -> !t.isEmpty()).forEach(out::add);
        }
        return out;
    }

    /** A contact is a text, or an object with name, email, phone and/or url. */
    private static String contact(Object v) {
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            for (String key : List.of("name", "email", "phone", "url", "hours")) {
                String t = text(m.get(key));
                if (t != null) {
                    parts.add(switch (key) {
                        case "email" -> "E-Mail: " + t;
                        case "phone" -> "Telefon: " + t;
                        case "url" -> t;
                        default -> t;
                    });
                }
            }
            return parts.isEmpty() ? null : String.join(", ", parts);
        }
        return text(v);
    }
}
