package de.wattos.widget.internal;

import java.util.List;
import java.util.UUID;

/**
 * Everything a widget is configured with besides its identity, name and status; stored as jsonb. Always in
 * normalised form (validated, defaults filled in) once it left {@link WidgetValidator}.
 */
public record WidgetSettings(List<UUID> spaceIds, List<String> allowedOrigins, String mode, String position,
        String size, Theme theme, String assistantName, String avatarUrl, String greeting,
        List<String> suggestedQuestions, String locale, String privacyUrl, String disclosureText, Limits limits) {

    public record Theme(String primaryColor, String backgroundColor, String textColor, String fontFamily,
            Integer radius, String colorScheme) {
    }

    public record Limits(Integer messagesPerVisitorPerHour, Integer messagesPerIpPerHour, Long dailyTokenBudget) {
    }
}
