package de.wattos.analytics.internal;

import de.wattos.chat.ConversationStarted;
import de.wattos.chat.FeedbackGiven;
import de.wattos.chat.MessageAnswered;
import de.wattos.crawl.CrawlFinished;
import de.wattos.knowledge.DocumentIndexed;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantJdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Applies one module event to the rollups of the bound tenant. Called exactly once per event id (the raw log
 * decides), both live and when rebuilding from the log, so both paths give the same numbers.
 */
@Component
class Rollups {

    static final UUID NONE = new UUID(0, 0);
    /**
     * Deliveries are asynchronous, so an answer may arrive before its conversation: until this old, such an event
     * is refused (and retried by the publication registry); older ones are taken with what they carry.
     */
    static final java.time.Duration WAIT_FOR_PREDECESSOR = java.time.Duration.ofMinutes(2);
    private static final Set<String> UNFINISHED = Set.of("error", "incomplete", "cancelled");

    private final TenantJdbc jdbc;

    Rollups(TenantJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Applies a live event; one that builds on an event not taken yet is refused for a while (see above). */
    void apply(Object event) {
        apply(event, true);
    }

    /** Applies an event from the log during a rebuild: the log is replayed in order, nothing is waited for. */
    void replay(Object event) {
        apply(event, false);
    }

    private void apply(Object event, boolean live) {
        switch (event) {
            case ConversationStarted e -> conversationStarted(e);
            case MessageAnswered e -> messageAnswered(e, live);
            case FeedbackGiven e -> feedbackGiven(e, live);
            case CrawlFinished e -> crawlFinished(e);
            case DocumentIndexed e -> documentIndexed(e);
            default -> throw new IllegalArgumentException("Not an analytics event: " + event.getClass());
        }
    }

    /** Removes every rollup of the bound tenant (before a rebuild); handled marks of unanswered questions stay. */
    void clear() {
        for (String table : new String[] {"analytics_hourly", "analytics_knowledge_hourly", "analytics_crawls",
                "analytics_cited_daily", "analytics_terms_daily", "analytics_conversations", "analytics_visitors"}) {
            jdbc.sql("delete from " + table + " where tenant_id = :tenantId").update();
        }
        jdbc.sql("update analytics_unanswered set no_answer = false, thumbs_down = false where tenant_id = :tenantId")
                .update();
    }

    private void conversationStarted(ConversationStarted e) {
        // the event log keeps the pseudonym only (see EventIngestion), never the widget's visitor id
        String visitor = e.visitorId();
        Timestamp at = Timestamp.from(e.occurredAt());
        jdbc.sql("""
                insert into analytics_conversations (conversation_id, tenant_id, started_at, channel, widget_id, agent_id,
                  visitor, returning_visitor)
                values (:id, :tenantId, :at, :channel, :widget, :agent, cast(:visitor as text), coalesce((select v.first_seen < :at
                  from analytics_visitors v where v.tenant_id = :tenantId and v.visitor = :visitor), false))
                on conflict do nothing""")
                .param("id", e.conversationId()).param("at", at).param("channel", channel(e.channel()))
                .param("widget", e.widgetId()).param("agent", e.agentId()).param("visitor", visitor).update();
        if (visitor != null) {
            jdbc.sql("""
                    insert into analytics_visitors (tenant_id, visitor, first_seen) values (:tenantId, :visitor, :at)
                    on conflict (tenant_id, visitor) do update set first_seen = least(analytics_visitors.first_seen, excluded.first_seen)""")
                    .param("visitor", visitor).param("at", at).update();
        }
        Counts c = new Counts();
        c.conversations = 1;
        hourly(e.occurredAt(), new Dims(channel(e.channel()), e.widgetId(), e.agentId(), null, null), c);
    }

    private void messageAnswered(MessageAnswered e, boolean live) {
        boolean unfinished = UNFINISHED.contains(e.finishReason());
        Dims conversation = jdbc.sql("""
                update analytics_conversations set answers = answers + 1, no_answers = no_answers + :noAnswer
                where tenant_id = :tenantId and conversation_id = :id
                returning channel, widget_id, agent_id""")
                .param("noAnswer", e.noAnswer() ? 1 : 0).param("id", e.conversationId())
                .query((rs, n) -> new Dims(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        null, null))
                .optional().orElseGet(() -> {
                    requirePredecessor(live, e.occurredAt(), "conversation " + e.conversationId());
                    return new Dims(channel(e.channel()), null, null, null, null);
                });
        Counts c = new Counts();
        c.answers = 1;
        c.noAnswers = e.noAnswer() ? 1 : 0;
        c.unfinished = unfinished ? 1 : 0;
        c.citations = e.citationCount();
        c.inputTokens = e.inputTokens();
        c.outputTokens = e.outputTokens();
        c.latencyMs = e.latencyMs();
        c.ttftMs = e.timeToFirstTokenMs();
        hourly(e.occurredAt(), new Dims(channel(e.channel()), conversation.widget(), conversation.agent(), e.provider(),
                e.model()), c);

        LocalDate day = localDay(e.occurredAt());
        Map<String, String> pages = new LinkedHashMap<>();
        for (MessageAnswered.CitedSource s : e.citations()) {
            if (s.url() != null && !s.url().isBlank()) {
                pages.putIfAbsent(s.url(), s.title());
            }
        }
        if (!pages.isEmpty()) {
            jdbc.sql("""
                    insert into analytics_cited_daily (tenant_id, day, url, title, citations)
                    select :tenantId, :day, u.url, u.title, 1 from unnest(:urls, :titles) as u(url, title)
                    on conflict (tenant_id, day, url) do update set citations = analytics_cited_daily.citations + 1,
                      title = coalesce(excluded.title, analytics_cited_daily.title)""")
                    .param("day", day).param("urls", pages.keySet().toArray(String[]::new))
                    .param("titles", pages.values().toArray(String[]::new)).update();
        }
        Map<String, String> terms = QuestionTerms.of(e.question());
        if (!terms.isEmpty()) {
            jdbc.sql("""
                    insert into analytics_terms_daily (tenant_id, day, term, label, questions)
                    select :tenantId, :day, u.term, u.label, 1 from unnest(:terms, :labels) as u(term, label)
                    on conflict (tenant_id, day, term) do update set questions = analytics_terms_daily.questions + 1""")
                    .param("day", day).param("terms", terms.keySet().toArray(String[]::new))
                    .param("labels", terms.values().toArray(String[]::new)).update();
        }
        if (e.noAnswer() && e.question() != null && !e.question().isBlank()) {
            unanswered(e.messageId(), e.conversationId(), e.occurredAt(), e.question(), true, false);
        }
    }

    private void feedbackGiven(FeedbackGiven e, boolean live) {
        Dims conversation = jdbc.sql("""
                select channel, widget_id, agent_id from analytics_conversations
                where tenant_id = :tenantId and conversation_id = :id""")
                .param("id", e.conversationId())
                .query((rs, n) -> new Dims(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        null, null))
                .optional().orElseGet(() -> {
                    requirePredecessor(live, e.occurredAt(), "conversation " + e.conversationId());
                    return new Dims("", null, null, null, null);
                });
        Counts c = new Counts();
        c.feedbackUp = "up".equals(e.rating()) ? 1 : 0;
        c.feedbackDown = "down".equals(e.rating()) ? 1 : 0;
        c.solvedYes = Boolean.TRUE.equals(e.solved()) ? 1 : 0;
        c.solvedNo = Boolean.FALSE.equals(e.solved()) ? 1 : 0;
        hourly(e.occurredAt(), conversation, c);
        if (c.feedbackDown == 1) {
            jdbc.sql("""
                    select payload ->> 'question', occurred_at from analytics_events
                    where tenant_id = :tenantId and id = :id and type = 'chat.MessageAnswered'""")
                    .param("id", e.messageId())
                    .query((rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant()})
                    .optional()
                    .or(() -> {
                        requirePredecessor(live, e.occurredAt(), "answer " + e.messageId());
                        return java.util.Optional.empty();
                    })
                    .filter(row -> row[0] != null && !((String) row[0]).isBlank())
                    .ifPresent(row -> unanswered(e.messageId(), e.conversationId(), (Instant) row[1], (String) row[0],
                            false, true));
        }
    }

    private static void requirePredecessor(boolean live, Instant occurredAt, String what) {
        if (live && occurredAt.isAfter(Instant.now().minus(WAIT_FOR_PREDECESSOR))) {
            throw new PredecessorMissing(what + " has not arrived yet");
        }
    }

    /** Thrown to have an event delivered again later, once the event it builds on was taken. */
    static final class PredecessorMissing extends RuntimeException {
        PredecessorMissing(String message) {
            super(message, null, false, false);
        }
    }

    private void unanswered(UUID messageId, UUID conversationId, Instant askedAt, String question, boolean noAnswer,
            boolean thumbsDown) {
        jdbc.sql("""
                insert into analytics_unanswered (message_id, tenant_id, conversation_id, asked_at, question, no_answer,
                  thumbs_down)
                values (:id, :tenantId, :conversation, :at, :question, :noAnswer, :down)
                on conflict (message_id) do update set no_answer = analytics_unanswered.no_answer or excluded.no_answer,
                  thumbs_down = analytics_unanswered.thumbs_down or excluded.thumbs_down
                where analytics_unanswered.tenant_id = :tenantId""")
                .param("id", messageId).param("conversation", conversationId).param("at", Timestamp.from(askedAt))
                .param("question", question).param("noAnswer", noAnswer).param("down", thumbsDown).update();
    }

    private void crawlFinished(CrawlFinished e) {
        jdbc.sql("""
                insert into analytics_crawls (run_id, tenant_id, space_id, source_id, finished_at, status, fetched, added,
                  changed, unchanged, removed, failed)
                values (:id, :tenantId, :space, :source, :at, :status, :fetched, :added, :changed, :unchanged, :removed,
                  :failed)
                on conflict do nothing""")
                .param("id", e.runId()).param("space", e.spaceId()).param("source", e.sourceId())
                .param("at", Timestamp.from(e.finishedAt())).param("status", e.status()).param("fetched", e.fetched())
                .param("added", e.newDocuments()).param("changed", e.changed()).param("unchanged", e.unchanged())
                .param("removed", e.removed()).param("failed", e.failed()).update();
    }

    private void documentIndexed(DocumentIndexed e) {
        String outcome = e.outcome() == null ? "" : e.outcome();
        jdbc.sql("""
                insert into analytics_knowledge_hourly (tenant_id, hour, added, changed, failed, removed)
                values (:tenantId, :hour, :added, :changed, :failed, :removed)
                on conflict (tenant_id, hour) do update set added = analytics_knowledge_hourly.added + excluded.added,
                  changed = analytics_knowledge_hourly.changed + excluded.changed,
                  failed = analytics_knowledge_hourly.failed + excluded.failed,
                  removed = analytics_knowledge_hourly.removed + excluded.removed""")
                .param("hour", hour(e.occurredAt())).param("added", outcome.equals("NEW") ? 1 : 0)
                .param("changed", outcome.equals("CHANGED") ? 1 : 0).param("failed", outcome.equals("FAILED") ? 1 : 0)
                .param("removed", outcome.equals("REMOVED") ? 1 : 0).update();
    }

    private void hourly(Instant at, Dims d, Counts c) {
        int latencyBucket = c.latencyMs == null ? 0 : LatencyHistogram.bucketOf(Math.max(0, c.latencyMs));
        int ttftBucket = c.ttftMs == null ? 0 : LatencyHistogram.bucketOf(Math.max(0, c.ttftMs));
        // arrays are 1-based in PostgreSQL; an event without a latency adds 0 to the first bucket
        jdbc.sql("""
                insert into analytics_hourly (tenant_id, hour, channel, widget_id, agent_id, provider, model, conversations,
                  answers, no_answers, unfinished, feedback_up, feedback_down, solved_yes, solved_no, citations,
                  input_tokens, output_tokens, latency_ms_sum, ttft_ms_sum, ttft_count, latency_hist, ttft_hist)
                values (:tenantId, :hour, :channel, :widget, :agent, :provider, :model, :conversations, :answers,
                  :noAnswers, :unfinished, :up, :down, :solvedYes, :solvedNo, :citations, :in, :out, :latency, :ttft,
                  :ttftCount, :latencyHist, :ttftHist)
                on conflict (tenant_id, hour, channel, widget_id, agent_id, provider, model) do update set
                  conversations = analytics_hourly.conversations + excluded.conversations,
                  answers = analytics_hourly.answers + excluded.answers,
                  no_answers = analytics_hourly.no_answers + excluded.no_answers,
                  unfinished = analytics_hourly.unfinished + excluded.unfinished,
                  feedback_up = analytics_hourly.feedback_up + excluded.feedback_up,
                  feedback_down = analytics_hourly.feedback_down + excluded.feedback_down,
                  solved_yes = analytics_hourly.solved_yes + excluded.solved_yes,
                  solved_no = analytics_hourly.solved_no + excluded.solved_no,
                  citations = analytics_hourly.citations + excluded.citations,
                  input_tokens = analytics_hourly.input_tokens + excluded.input_tokens,
                  output_tokens = analytics_hourly.output_tokens + excluded.output_tokens,
                  latency_ms_sum = analytics_hourly.latency_ms_sum + excluded.latency_ms_sum,
                  ttft_ms_sum = analytics_hourly.ttft_ms_sum + excluded.ttft_ms_sum,
                  ttft_count = analytics_hourly.ttft_count + excluded.ttft_count,
                  latency_hist[:lb] = analytics_hourly.latency_hist[:lb] + excluded.latency_hist[:lb],
                  ttft_hist[:tb] = analytics_hourly.ttft_hist[:tb] + excluded.ttft_hist[:tb]""")
                .param("hour", hour(at)).param("channel", d.channel() == null ? "" : d.channel())
                .param("widget", d.widget() == null ? NONE : d.widget()).param("agent", d.agent() == null ? NONE : d.agent())
                .param("provider", d.provider() == null ? "" : d.provider()).param("model", d.model() == null ? "" : d.model())
                .param("conversations", c.conversations).param("answers", c.answers).param("noAnswers", c.noAnswers)
                .param("unfinished", c.unfinished).param("up", c.feedbackUp).param("down", c.feedbackDown)
                .param("solvedYes", c.solvedYes).param("solvedNo", c.solvedNo).param("citations", c.citations)
                .param("in", (long) c.inputTokens).param("out", (long) c.outputTokens)
                .param("latency", c.latencyMs == null ? 0L : c.latencyMs).param("ttft", c.ttftMs == null ? 0L : c.ttftMs)
                .param("ttftCount", c.ttftMs == null ? 0 : 1)
                .param("latencyHist", LatencyHistogram.single(c.latencyMs))
                .param("ttftHist", LatencyHistogram.single(c.ttftMs))
                .param("lb", latencyBucket + 1).param("tb", ttftBucket + 1).update();
    }

    /** The day in the tenant's time zone, so that top lists line up with the tenant's days. */
    static LocalDate localDay(Instant at) {
        ZoneId zone = TenantContext.current().timeZone();
        return LocalDate.ofInstant(at, zone == null ? ZoneOffset.UTC : zone);
    }

    static Timestamp hour(Instant at) {
        return Timestamp.from(at.truncatedTo(ChronoUnit.HOURS));
    }

    private static String channel(String channel) {
        return channel == null ? "" : channel;
    }

    /** A stable pseudonym per tenant for the widget's visitor id, which analytics never stores as it is. */
    static String pseudonym(UUID tenant, String visitorId) {
        if (visitorId == null || visitorId.isBlank()) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((tenant + ":" + visitorId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Dims(String channel, UUID widget, UUID agent, String provider, String model) {
    }

    private static final class Counts {
        int conversations;
        int answers;
        int noAnswers;
        int unfinished;
        int feedbackUp;
        int feedbackDown;
        int solvedYes;
        int solvedNo;
        int citations;
        int inputTokens;
        int outputTokens;
        Long latencyMs;
        Long ttftMs;
    }
}
