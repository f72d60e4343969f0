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
        UUID agentId, Speech speech) {

    /** Settings stored before voice existed read as voice and avatar off. */
    public WidgetSettings(List<UUID> spaceIds, List<String> allowedOrigins, String mode, String position,
            String size, Theme theme, String assistantName, String avatarUrl, String greeting,
            List<String> suggestedQuestions, String locale, String privacyUrl, String disclosureText, Limits limits,
            UUID agentId) {
        this(spaceIds, allowedOrigins, mode, position, size, theme, assistantName, avatarUrl, greeting,
                suggestedQuestions, locale, privacyUrl, disclosureText, limits, agentId, null);
    }

    public record Theme(String primaryColor, String backgroundColor, String textColor, String fontFamily,
            Integer radius, String colorScheme) {
    }

    /**
     * Voice and avatar, both off by default: {@code voice} reads answers aloud and takes spoken questions;
     * {@code avatar} shows a talking 3D avatar (it speaks, so it implies voice; {@code avatarId} null = the default
     * avatar). {@code speechPerVisitorPerHour} caps the sentences one visitor may have read aloud.
     */
    public record Speech(Boolean voice, Boolean avatar, UUID avatarId, Integer speechPerVisitorPerHour) {
        public static final int DEFAULT_PER_VISITOR_PER_HOUR = 300;
        public static final Speech OFF = new Speech(false, false, null, DEFAULT_PER_VISITOR_PER_HOUR);

        public boolean voiceOn() {
            return Boolean.TRUE.equals(voice) || avatarOn();
        }

        public boolean avatarOn() {
            return Boolean.TRUE.equals(avatar);
        }

        public int perVisitorPerHour() {
            return speechPerVisitorPerHour == null ? DEFAULT_PER_VISITOR_PER_HOUR : speechPerVisitorPerHour;
        }
    }

    public Speech speechOrOff() {
        return speech == null ? Speech.OFF : speech;
    }

    public record Limits(Integer messagesPerVisitorPerHour, Integer messagesPerIpPerHour, Long dailyTokenBudget) {
    }
}
