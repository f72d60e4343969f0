package de.wattos.analytics.internal;

import java.util.List;

/** What a period report shows: the KPIs with previous period and trend, and the top lists of the period. */
public record AnalyticsReport(String tenantName, KpiReport kpis, List<UnansweredQuestions.Cluster> unanswered) {

    /** The figures a report lists, in this order; figures without data are listed with their reason. */
    static final List<String> KPIS = List.of("conversations", "messages", "uniqueVisitors", "returningVisitors",
            "averageTurns", "answerRate", "noAnswers", "noAnswerRate", "thumbsUp", "thumbsDown", "csat", "solvedRate",
            "completionRate", "citationsPerAnswer", "answerTimeP50Ms", "answerTimeP95Ms", "timeToFirstTokenP50Ms",
            "timeToFirstTokenP95Ms", "inputTokens", "outputTokens", "selfServiceRate", "handoffRate", "citationClickThrough",
            "cost");

    static final int TOP = 10;
}
