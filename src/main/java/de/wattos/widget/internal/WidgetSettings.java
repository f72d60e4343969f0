package de.wattos.widget.internal;

import java.util.List;
import java.util.UUID;

/**
 * Everything a widget is configured with besides its identity, name and status; stored as jsonb. Always in
 * normalised form (validated, defaults filled in) once it left {@link WidgetValidator}. {@code agentId} binds the
 * widget to a published agent (character module): its conversations answer with the agent's prompt and knowledge,
 * and its greeting and suggested questions fill in where the widget sets none.
 */
public record WidgetSettings(List<UUID> spaceIds, List<String> allowedOrigins, String mode, String position,
        String size, Theme theme, String assistantName, String avatarUrl, String greeting,
        List<String> suggestedQuestions, String locale, String privacyUrl, String disclosureText, Limits limits,
        UUID agentId) {

    public record Theme(String primaryColor, String backgroundColor, String textColor, String fontFamily,
            Integer radius, String colorScheme) {
    }

    public record Limits(Integer messagesPerVisitorPerHour, Integer messagesPerIpPerHour, Long dailyTokenBudget) {
    }
}
