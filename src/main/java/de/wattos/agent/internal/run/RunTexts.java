package de.wattos.agent.internal.run;

import de.wattos.agent.internal.text.AgentTexts;
import de.wattos.character.AgentProfile;
import de.wattos.chat.Chat;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the citizen reads when a run does not end in a normal answer, in the conversation's language (bundle
 * {@code messages/agent}). An agent's own wording from its character (refusal, no-answer) is German and used only
 * when the conversation is.
 */
@Component
public class RunTexts {

    private static final Logger log = LoggerFactory.getLogger(RunTexts.class);

    private final AgentTexts texts;
    private final Chat chat;

    RunTexts(AgentTexts texts, Chat chat) {
        this.texts = texts;
        this.chat = chat;
    }

    /** The language of a run's conversation; null (German) for a bare API run or a conversation that is gone. */
    public String languageOf(UUID conversationId) {
        if (conversationId == null) {
            return null;
        }
        try {
            return chat.language(conversationId);
        } catch (RuntimeException e) {
            log.debug("No language for conversation {}: {}", conversationId, e.getMessage());
            return null;
        }
    }

    String refused(String language, AgentProfile agent) {
        return german(language) && agent != null && agent.refusalText() != null && !agent.refusalText().isBlank()
                ? agent.refusalText() : texts.get(language, "agent.run.refused");
    }

    String handedOver(String language) {
        return texts.get(language, "agent.run.handed_over");
    }

    String awaitingApproval(String language) {
        return texts.get(language, "agent.run.awaiting_approval");
    }

    String denied(String language) {
        return texts.get(language, "agent.run.denied");
    }

    String expired(String language) {
        return texts.get(language, "agent.run.expired");
    }

    String failed(String language) {
        return texts.get(language, "agent.run.failed");
    }

    /** The agent's own no-answer text (its character's, naming where to ask instead), else the general one. */
    String noAnswer(String language, AgentProfile agent) {
        return german(language) && agent != null && agent.noAnswerText() != null && !agent.noAnswerText().isBlank()
                ? agent.noAnswerText() : texts.get(language, "agent.run.no_answer");
    }

    private static boolean german(String language) {
        return AgentTexts.locale(language).equals(Locale.GERMAN);
    }
}
