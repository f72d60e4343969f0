package de.wattos.character.internal;

import java.util.List;
import java.util.UUID;

/** A target group as stored and edited: what it needs, asks, reads, and the content that shows it exists. */
public record PersonaSpec(String name, String targetGroup, String description, List<String> needs,
        List<String> typicalQuestions, LanguageLevel languageLevel, List<String> topics, List<Evidence> evidence,
        double qualityScore, ScoreBreakdown scoreBreakdown, List<String> mergedFrom) {

    public PersonaSpec {
        needs = needs == null ? List.of() : List.copyOf(needs);
        typicalQuestions = typicalQuestions == null ? List.of() : List.copyOf(typicalQuestions);
        topics = topics == null ? List.of() : List.copyOf(topics);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        mergedFrom = mergedFrom == null ? List.of() : List.copyOf(mergedFrom);
        languageLevel = languageLevel == null ? LanguageLevel.STANDARD : languageLevel;
    }

    public record Evidence(UUID documentId, String title, String url) {
    }

    /**
     * Each part in 0..1: {@code evidence} (documents behind it), {@code distinctness} (1 − overlap with the closest
     * other persona), {@code specificity} (how many of the group's marker words and how specific its topics are),
     * {@code answerability} (share of its typical questions for which the knowledge search finds a grounded passage).
     */
    public record ScoreBreakdown(double evidence, double distinctness, double specificity, double answerability,
            int documents, int groundedQuestions, int questions) {
    }
}
