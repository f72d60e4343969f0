package de.wattos.widget.internal;

import java.util.List;
import java.util.UUID;

/** Body of create (POST) and replace (PUT). Missing optional fields take their defaults. */
public record WidgetRequest(String name, List<UUID> spaceIds, List<String> allowedOrigins, String mode,
        String position, String size, WidgetSettings.Theme theme, String assistantName, String avatarUrl,
        String greeting, List<String> suggestedQuestions, String locale, String privacyUrl, String disclosureText,
        String status, WidgetSettings.Limits limits, UUID agentId, WidgetSettings.Speech speech) {

    public WidgetRequest(String name, List<UUID> spaceIds, List<String> allowedOrigins, String mode, String position,
            String size, WidgetSettings.Theme theme, String assistantName, String avatarUrl, String greeting,
            List<String> suggestedQuestions, String locale, String privacyUrl, String disclosureText, String status,
            WidgetSettings.Limits limits) {
        this(name, spaceIds, allowedOrigins, mode, position, size, theme, assistantName, avatarUrl, greeting,
                suggestedQuestions, locale, privacyUrl, disclosureText, status, limits, null, null);
    }
}
