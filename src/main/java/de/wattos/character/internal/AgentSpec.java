package de.wattos.character.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A generated (and editable) agent: its prompt, the knowledge it searches, its tools and suggested questions. */
public record AgentSpec(String name, UUID characterId, UUID personaId, String systemPrompt, Knowledge knowledge,
        List<String> tools, List<String> suggestedQuestions, String greeting, List<String> refusedTopics) {

    public AgentSpec {
        tools = tools == null ? List.of() : List.copyOf(tools);
        suggestedQuestions = suggestedQuestions == null ? List.of() : List.copyOf(suggestedQuestions);
        refusedTopics = refusedTopics == null ? List.of() : List.copyOf(refusedTopics);
    }

    public record Knowledge(List<UUID> spaceIds, int topK, Map<String, String> filters, List<String> boostTopics) {
        public Knowledge {
            spaceIds = spaceIds == null ? List.of() : List.copyOf(spaceIds);
            filters = filters == null ? Map.of() : Map.copyOf(filters);
            boostTopics = boostTopics == null ? List.of() : List.copyOf(boostTopics);
        }
    }
}
