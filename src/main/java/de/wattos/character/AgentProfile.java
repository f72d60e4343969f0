package de.wattos.character;

import java.util.List;
import java.util.UUID;

/**
 * What answering needs of an agent: its prompt (character + persona), the knowledge it searches and the
 * questions it suggests. {@code refusalText} answers a question on one of its refused topics, in the character's form
 * of address. {@code published} is false for drafts (the console may try them out; widgets refuse them).
 * {@code character} is the character the agent speaks as (its name, tone, contact), null if it has none any more.
 */
public record AgentProfile(UUID id, String name, String systemPrompt, List<UUID> spaceIds, int topK,
        List<String> suggestedQuestions, String greeting, String noAnswerText, List<String> refusedTopics,
        boolean published, String refusalText, AssistantCharacter character) {

    public AgentProfile {
        spaceIds = List.copyOf(spaceIds);
        suggestedQuestions = List.copyOf(suggestedQuestions);
        refusedTopics = List.copyOf(refusedTopics);
    }
}
