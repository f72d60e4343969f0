package de.wattos.analytics.internal;

import de.wattos.analytics.internal.RollupDelta.Dims;
import de.wattos.chat.ConversationStarted;
import de.wattos.chat.FeedbackGiven;
import de.wattos.chat.MessageAnswered;
import de.wattos.crawl.CrawlFinished;
import de.wattos.knowledge.DocumentIndexed;
import de.wattos.platform.TenantJdbc;
import de.wattos.widget.CitationClicked;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Applies a batch of new module events (of one or many tenants) to the rollups. Called exactly once per event id (the
 * raw log decides), both live and when rebuilding from the log, so both paths give the same numbers. The batch is
 * summed in memory first ({@link RollupDelta}) and written with one statement per rollup table
 * ({@link RollupWriter}): the cost per event is a little Java, not a round trip per table.
 */
@Component
class Rollups {

    static final UUID NONE = new UUID(0, 0);
    /**
     * Deliveries are asynchronous, so an answer may arrive before its conversation: until this old, such an event
     * is refused (and retried by the publication registry); older ones are taken with what they carry.
     */
    static final Duration WAIT_FOR_PREDECESSOR = Duration.ofMinutes(2);
    private static final Set<String> UNFINISHED = Set.of("error", "incomplete", "cancelled");

    private final TenantJdbc jdbc;
    private final RollupWriter writer;

    Rollups(TenantJdbc jdbc, RollupWriter writer) {
        this.jdbc = jdbc;
        this.writer = writer;
    }

    /**
     * Applies new events, of any tenants; {@code zones} holds each tenant's time zone (its days). Live, an event
     * that builds on one not taken yet (an answer before its conversation) is refused while it is recent: its id
     * is returned and nothing of it is applied. During a rebuild ({@code live == false}, the log replayed in
     * order) nothing is refused.
     */
    Set<UUID> apply(List<EventIngestion.Entry> entries, boolean live, Map<UUID, ZoneId> zones) {
        RollupDelta delta = new RollupDelta();
        Days days = new Days(zones);
        Set<UUID> refused = new HashSet<>();
        List<EventIngestion.Entry> started = new ArrayList<>();
        List<EventIngestion.Entry> answered = new ArrayList<>();
        List<EventIngestion.Entry> feedback = new ArrayList<>();
        for (EventIngestion.Entry entry : entries) {
            switch (entry.event()) {
                case ConversationStarted e -> started.add(entry);
                case MessageAnswered e -> answered.add(entry);
                case FeedbackGiven e -> feedback.add(entry);
                case CrawlFinished e -> writer.crawl(entry.tenantId(), e);
                case DocumentIndexed e -> documentIndexed(entry.tenantId(), e, delta);
                case CitationClicked e -> delta.clicked(entry.tenantId(), days.of(entry.tenantId(), e.occurredAt()), e.url());
                case HandoffRequested e -> delta.handoffs.add(e);
                default -> throw new IllegalArgumentException("Not an analytics event: " + entry.event().getClass());
            }
        }
        conversationsStarted(started, delta, days);

        Set<RollupDelta.TenantId> conversationIds = new HashSet<>();
        answered.forEach(a -> conversationIds.add(new RollupDelta.TenantId(a.tenantId(), a.conversationId())));
        feedback.forEach(f -> conversationIds.add(new RollupDelta.TenantId(f.tenantId(), f.conversationId())));
        Map<RollupDelta.TenantId, Dims> conversations = writer.conversationDims(conversationIds);
        for (EventIngestion.Entry entry : answered) {
            MessageAnswered e = (MessageAnswered) entry.event();
            Dims dims = conversations.get(new RollupDelta.TenantId(entry.tenantId(), e.conversationId()));
            if (dims == null && mustWait(live, e.occurredAt())) {
                refused.add(entry.id());
                continue;
            }
            messageAnswered(entry.tenantId(), e, dims == null ? new Dims(e.channel(), null, null, null, null) : dims,
                    delta, days);
        }
        Map<RollupDelta.TenantId, RollupWriter.Question> questions = writer.answeredQuestions(feedback.stream()
                .filter(f -> "down".equals(((FeedbackGiven) f.event()).rating()))
                .map(f -> new RollupDelta.TenantId(f.tenantId(), ((FeedbackGiven) f.event()).messageId()))
                .filter(m -> !refused.contains(m.id())).distinct().toList());
        for (EventIngestion.Entry entry : feedback) {
            FeedbackGiven e = (FeedbackGiven) entry.event();
            Dims dims = conversations.get(new RollupDelta.TenantId(entry.tenantId(), e.conversationId()));
            RollupWriter.Question question = refused.contains(e.messageId()) ? null
                    : questions.get(new RollupDelta.TenantId(entry.tenantId(), e.messageId()));
            boolean down = "down".equals(e.rating());
            if ((dims == null || (down && question == null)) && mustWait(live, e.occurredAt())) {
                refused.add(entry.id());
                continue;
            }
            feedbackGiven(entry.tenantId(), e, dims == null ? new Dims("", null, null, null, null) : dims, question,
                    delta, days);
        }
        writer.write(delta);
        return refused;
    }

    /** Removes every rollup of the bound tenant (before a rebuild); handled marks of unanswered questions stay. */
    void clear() {
        for (String table : new String[] {"analytics_hourly", "analytics_daily", "analytics_knowledge_hourly",
                "analytics_crawls", "analytics_cited_daily", "analytics_terms_daily", "analytics_conversations",
                "analytics_visitors", "analytics_handoffs"}) {
            jdbc.sql("delete from " + table + " where tenant_id = :tenantId").update();
        }
        jdbc.sql("update analytics_unanswered set no_answer = false, thumbs_down = false where tenant_id = :tenantId")
                .update();
    }

    private static boolean mustWait(boolean live, Instant occurredAt) {
        return live && occurredAt.isAfter(Instant.now().minus(WAIT_FOR_PREDECESSOR));
    }

    /** Days in each tenant's time zone, so that daily rollups and top lists line up with the tenant's days. */
    private record Days(Map<UUID, ZoneId> zones) {
        LocalDate of(UUID tenant, Instant at) {
            ZoneId zone = zones.get(tenant);
            return LocalDate.ofInstant(at, zone == null ? ZoneOffset.UTC : zone);
        }
    }

    /**
     * New conversations and their visitors. A visitor returns when any conversation of theirs started earlier,
     * whether it is already stored or in this batch.
     */
    private void conversationsStarted(List<EventIngestion.Entry> started, RollupDelta delta, Days days) {
        if (started.isEmpty()) {
            return;
        }
        // the event log keeps the pseudonym only (see EventIngestion), never the widget's visitor id
        List<RollupWriter.Visitor> visitors = started.stream()
                .filter(s -> ((ConversationStarted) s.event()).visitorId() != null)
                .map(s -> new RollupWriter.Visitor(s.tenantId(), ((ConversationStarted) s.event()).visitorId()))
                .distinct().toList();
        Map<RollupWriter.Visitor, Instant> stored = writer.firstSeen(visitors);
        Map<RollupWriter.Visitor, Instant> firstSeen = new TreeMap<>(stored);
        for (EventIngestion.Entry s : started) {
            ConversationStarted e = (ConversationStarted) s.event();
            if (e.visitorId() != null) {
                firstSeen.merge(new RollupWriter.Visitor(s.tenantId(), e.visitorId()), e.occurredAt(),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<RollupWriter.NewConversation> rows = new ArrayList<>();
        for (EventIngestion.Entry s : started) {
            ConversationStarted e = (ConversationStarted) s.event();
            Instant first = e.visitorId() == null ? null
                    : firstSeen.get(new RollupWriter.Visitor(s.tenantId(), e.visitorId()));
            rows.add(new RollupWriter.NewConversation(s.tenantId(), e.conversationId(), e.occurredAt(),
                    channel(e.channel()), e.widgetId(), e.agentId(), e.visitorId(),
                    first != null && first.isBefore(e.occurredAt())));
            Totals c = new Totals();
            c.conversations = 1;
            delta.count(s.tenantId(), hour(e.occurredAt()), days.of(s.tenantId(), e.occurredAt()),
                    new Dims(channel(e.channel()), e.widgetId(), e.agentId(), null, null), c);
        }
        firstSeen.entrySet().removeIf(v -> v.getValue().equals(stored.get(v.getKey())));
        writer.conversations(rows, firstSeen);
    }

    private void messageAnswered(UUID tenant, MessageAnswered e, Dims conversation, RollupDelta delta, Days days) {
        RollupDelta.ConversationCounts cc = delta.conversations.computeIfAbsent(
                new RollupDelta.TenantId(tenant, e.conversationId()), k -> new RollupDelta.ConversationCounts());
        cc.answers++;
        cc.noAnswers += e.noAnswer() ? 1 : 0;
        Totals c = new Totals();
        c.answers = 1;
        c.noAnswers = e.noAnswer() ? 1 : 0;
        c.unfinished = UNFINISHED.contains(e.finishReason()) ? 1 : 0;
        c.citations = e.citationCount();
        c.inputTokens = e.inputTokens();
        c.outputTokens = e.outputTokens();
        long latency = Math.max(0, e.latencyMs());
        c.latencyMsSum = latency;
        c.latencyHist[LatencyHistogram.bucketOf(latency)] = 1;
        if (e.timeToFirstTokenMs() != null) {
            long ttft = Math.max(0, e.timeToFirstTokenMs());
            c.ttftMsSum = ttft;
            c.ttftCount = 1;
            c.ttftHist[LatencyHistogram.bucketOf(ttft)] = 1;
        }
        LocalDate day = days.of(tenant, e.occurredAt());
        delta.count(tenant, hour(e.occurredAt()), day, new Dims(channel(e.channel()), conversation.widget(),
                conversation.agent(), e.provider(), e.model()), c);

        Map<String, String> pages = new LinkedHashMap<>();
        for (MessageAnswered.CitedSource s : e.citations()) {
            if (s.url() != null && !s.url().isBlank()) {
                pages.putIfAbsent(s.url(), s.title());
            }
        }
        pages.forEach((url, title) -> delta.cited(tenant, day, url, title));
        QuestionTerms.of(e.question()).forEach((term, label) -> delta.term(tenant, day, term, label));
        if (e.noAnswer() && e.question() != null && !e.question().isBlank()) {
            delta.unanswered(tenant, e.messageId(), e.conversationId(), e.occurredAt(), e.question(), true, false);
        }
    }

    private void feedbackGiven(UUID tenant, FeedbackGiven e, Dims conversation, RollupWriter.Question question,
            RollupDelta delta, Days days) {
        Totals c = new Totals();
        c.feedbackUp = "up".equals(e.rating()) ? 1 : 0;
        c.feedbackDown = "down".equals(e.rating()) ? 1 : 0;
        c.solvedYes = Boolean.TRUE.equals(e.solved()) ? 1 : 0;
        c.solvedNo = Boolean.FALSE.equals(e.solved()) ? 1 : 0;
        delta.count(tenant, hour(e.occurredAt()), days.of(tenant, e.occurredAt()), conversation, c);
        if (c.feedbackDown == 1 && question != null && question.text() != null && !question.text().isBlank()) {
            delta.unanswered(tenant, e.messageId(), e.conversationId(), question.askedAt(), question.text(), false,
                    true);
        }
    }

    private void documentIndexed(UUID tenant, DocumentIndexed e, RollupDelta delta) {
        String outcome = e.outcome() == null ? "" : e.outcome();
        RollupDelta.DocumentCounts c = delta.knowledgeHourly.computeIfAbsent(
                new RollupDelta.TenantHour(tenant, hour(e.occurredAt())), h -> new RollupDelta.DocumentCounts());
        switch (outcome) {
            case "NEW" -> c.added++;
            case "CHANGED" -> c.changed++;
            case "FAILED" -> c.failed++;
            case "REMOVED" -> c.removed++;
            default -> { }
        }
    }

    static Instant hour(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
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
}
