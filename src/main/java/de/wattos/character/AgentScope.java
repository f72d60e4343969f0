package de.wattos.character;

import java.util.List;
import java.util.UUID;

/**
 * What a published agent is for, as a router between agents reads it: its name, the target group of its persona and
 * the persona's description, topics (with the agent's boosted ones), typical and suggested questions, and the language
 * level the persona reads ({@code standard}, {@code einfach}, {@code leichte-sprache}).
 */
public record AgentScope(UUID agentId, String name, String targetGroup, String description, List<String> topics,
        List<String> questions, String languageLevel) {

    public AgentScope {
        topics = topics == null ? List.of() : List.copyOf(topics);
        questions = questions == null ? List.of() : List.copyOf(questions);
        languageLevel = languageLevel == null ? "standard" : languageLevel;
    }
}
