package de.wattos.analytics.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The answer of the KPI query: figures with trends, a series per bucket, breakdowns and top lists. */
public record KpiReport(Instant from, Instant to, Instant previousFrom, String granularity, String timeZone, Filters filters,
        double trendThreshold, Map<String, Kpi> kpis, List<Bucket> series, List<ModelUsage> tokensByModel,
        Crawl crawl, Knowledge knowledge, List<Topic> topTopics, List<CitedPage> topCitedPages,
        List<HandoffReason> handoffReasons, List<String> notes) {

    public record Filters(String channel, UUID widgetId, UUID agentId) {
    }

    public record Bucket(Instant start, long conversations, long messages, long noAnswers, long feedbackUp,
            long feedbackDown, long inputTokens, long outputTokens, Long latencyP95Ms) {
    }

    public record ModelUsage(String provider, String model, long answers, long inputTokens, long outputTokens, Double cost) {
    }

    public record Crawl(Instant lastRunAt, String lastStatus, long runs, long failedRuns, long pagesNew, long pagesChanged,
            long pagesRemoved, long pagesFailed) {
    }

    public record Knowledge(long documentsAdded, long documentsChanged, long documentsFailed, long documentsRemoved) {
    }

    public record Topic(String term, long questions) {
    }

    public record CitedPage(String url, String title, long citations, long clicks) {
    }

    /** Conversations handed to a person for this reason. */
    public record HandoffReason(String reason, long conversations) {
    }
}
