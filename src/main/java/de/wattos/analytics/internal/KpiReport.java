package de.wattos.analytics.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The answer of the KPI query: figures with trends, a series per bucket, breakdowns and top lists. */
public record KpiReport(Instant from, Instant to, Instant previousFrom, String granularity, String timeZone, Filters filters,
        double trendThreshold, Map<String, Kpi> kpis, List<Bucket> series, List<ModelUsage> tokensByModel,
        Crawl crawl, Knowledge knowledge, List<Topic> topTopics, List<CitedPage> topCitedPages,
        List<HandoffReason> handoffReasons, List<String> notes, Activity activity) {

    public record Filters(String channel, UUID widgetId, UUID agentId) {
    }

    public record Bucket(Instant start, long conversations, long messages, long noAnswers, long feedbackUp,
            long feedbackDown, long inputTokens, long outputTokens, Long latencyP95Ms) {
    }

    public record ModelUsage(String provider, String model, long answers, long inputTokens, long outputTokens, Double cost) {
    }

    public record Crawl(Instant lastRunAt, CrawlRunStatus lastStatus, long runs, long failedRuns, long pagesNew, long pagesChanged,
            long pagesRemoved, long pagesFailed) {
    }

    public record Knowledge(long documentsAdded, long documentsChanged, long documentsFailed, long documentsRemoved) {
    }

    public record Topic(String term, long questions) {
    }

    public record CitedPage(String url, String title, long citations, long clicks) {
    }

    /**
     * Agent and knowledge-base activity in the period, counted from the agent module's and kb's events: agent runs,
     * tool approvals asked for and decided, handoffs asked for, taken and ended, kb sync deliveries and failures.
     */
    public record Activity(long agentRuns, long approvalsRequested, long approvalsGranted, long approvalsDenied,
            long handoffsRequested, long handoffsAccepted, long handoffsEnded, long kbSyncDelivered, long kbSyncFailed) {

        static Activity of(java.util.Map<ActivityKind, Long> c) {
            return new Activity(c.get(ActivityKind.AGENT_RUN), c.get(ActivityKind.APPROVAL_REQUESTED),
                    c.get(ActivityKind.APPROVAL_GRANTED), c.get(ActivityKind.APPROVAL_DENIED),
                    c.get(ActivityKind.HANDOFF_REQUESTED), c.get(ActivityKind.HANDOFF_ACCEPTED),
                    c.get(ActivityKind.HANDOFF_ENDED), c.get(ActivityKind.KB_SYNC_DELIVERED), c.get(ActivityKind.KB_SYNC_FAILED));
        }
    }

    /** Conversations handed to a person for this reason. */
    public record HandoffReason(String reason, long conversations) {
    }
}
