package de.wattos.tenancy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The typed tenant settings that a tenant admin edits ({@code GET/PUT /api/v1/tenants/{tenant}/settings}): the
 * contact citizens are sent to, the assistant's tone and the topics it refuses. They live in the tenant's settings
 * document under their own keys ({@code contact}, {@code tone}, {@code refusedTopics}: the keys the chat's answering
 * reads), next to free-form keys other modules may still read.
 */
public record TenantSettings(TenantContact contact, String tone, List<String> refusedTopics) {

    public static final String CONTACT_KEY = "contact";
    public static final String TONE_KEY = "tone";
    public static final String REFUSED_TOPICS_KEY = "refusedTopics";

    public TenantSettings {
        contact = contact == null ? TenantContact.NONE : contact;
        tone = tone == null || tone.isBlank() ? null : tone.strip();
        refusedTopics = refusedTopics == null ? List.of() : List.copyOf(refusedTopics);
    }

    public static TenantSettings fromStored(Map<String, Object> settings) {
        Map<String, Object> s = settings == null ? Map.of() : settings;
        return new TenantSettings(TenantContact.fromStored(s.get(CONTACT_KEY)),
                s.get(TONE_KEY) instanceof String tone ? tone : null, topics(s.get(REFUSED_TOPICS_KEY)));
    }

    private static List<String> topics(Object stored) {
        List<String> out = new ArrayList<>();
        if (stored instanceof Collection<?> c) {
            for (Object topic : c) {
                if (topic instanceof String t && !t.isBlank()) {
                    out.add(t.strip());
                }
            }
        }
        return out;
    }
}
