package de.wattos.widget.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A widget as the admin API shows it. */
public record WidgetView(UUID id, String publicKey, String name, WidgetStatus status, List<UUID> spaceIds,
        List<String> allowedOrigins, String mode, String position, String size, WidgetSettings.Theme theme,
        String assistantName, String avatarUrl, String greeting, List<String> suggestedQuestions, String locale,
        String privacyUrl, String disclosureText, WidgetSettings.Limits limits, UUID agentId, WidgetSettings.Speech speech, Instant createdAt,
        Instant updatedAt) {

    public static WidgetView of(Widget w) {
        WidgetSettings s = w.settings();
        return new WidgetView(w.id(), w.publicKey(), w.name(), w.status(), s.spaceIds(), s.allowedOrigins(), s.mode(),
                s.position(), s.size(), s.theme(), s.assistantName(), s.avatarUrl(), s.greeting(),
                s.suggestedQuestions(), s.locale(), s.privacyUrl(), s.disclosureText(), s.limits(), s.agentId(), s.speechOrOff(), w.createdAt(),
                w.updatedAt());
    }
}
