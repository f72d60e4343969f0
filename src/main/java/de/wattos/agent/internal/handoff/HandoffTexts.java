package de.wattos.agent.internal.handoff;

import de.wattos.agent.internal.text.AgentTexts;
import de.wattos.tenancy.TenantContact;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** What the citizen reads around a handoff, in the conversation's language (bundle {@code messages/agent}). */
@Component
class HandoffTexts {

    private final AgentTexts texts;

    HandoffTexts(AgentTexts texts) {
        this.texts = texts;
    }

    String queued(String language) {
        return texts.get(language, "agent.handoff.queued");
    }

    String taken(String language, String name) {
        return texts.get(language, "agent.handoff.taken", name);
    }

    String ended(String language) {
        return texts.get(language, "agent.handoff.ended");
    }

    String outsideHours(String language, String hours, TenantContact contact) {
        StringBuilder s = new StringBuilder(texts.get(language, "agent.handoff.outside_hours"));
        if (hours != null) {
            s.append(' ').append(texts.get(language, "agent.handoff.outside_hours.hours", hours));
        }
        List<String> ways = new ArrayList<>();
        if (contact.phone() != null) {
            ways.add(texts.get(language, "agent.handoff.outside_hours.phone", contact.phone()));
        }
        if (contact.email() != null) {
            ways.add(texts.get(language, "agent.handoff.outside_hours.email", contact.email()));
        }
        if (contact.url() != null) {
            ways.add(texts.get(language, "agent.handoff.outside_hours.url", contact.url()));
        }
        if (!ways.isEmpty()) {
            s.append(' ').append(texts.get(language, "agent.handoff.outside_hours.ways", String.join(", ", ways)));
        }
        s.append(' ').append(texts.get(language, "agent.handoff.outside_hours.callback"));
        return s.toString();
    }
}
