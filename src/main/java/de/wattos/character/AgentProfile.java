package de.wattos.character;

import java.util.List;
import java.util.UUID;

/**
 * What answering needs of an agent: its prompt (character + persona), the knowledge it searches and the
 * questions it suggests. {@code refusalText} answers a question on one of its refused topics, in the character's form
 * of address. {@code published} is false for drafts (the console may try them out; widgets refuse them).
 * {@code character} is the character the agent speaks as (its name, tone, contact), null if it has none any more.
 * {@code personaId}: the persona (target group) the agent serves, null if none (knowledge articles for a persona are
 * preferred for it, articles for other personas are not served to it).
 */
public record AgentProfile(UUID id, String name, String systemPrompt, List<UUID> spaceIds, int topK,
        List<String> suggestedQuestions, String greeting, String noAnswerText, List<String> refusedTopics,
        boolean published, String refusalText, AssistantCharacter character, UUID personaId) {

    public AgentProfile {
        spaceIds = List.copyOf(spaceIds);
        suggestedQuestions = List.copyOf(suggestedQuestions);
        refusedTopics = List.copyOf(refusedTopics);
    }

    /** An agent serving no particular persona (a character try-out). */
    public AgentProfile(UUID id, String name, String systemPrompt, List<UUID> spaceIds, int topK,
            List<String> suggestedQuestions, String greeting, String noAnswerText, List<String> refusedTopics,
            boolean published, String refusalText, AssistantCharacter character) {
        this(id, name, systemPrompt, spaceIds, topK, suggestedQuestions, greeting, noAnswerText, refusedTopics,
                published, refusalText, character, null);
    }
}
