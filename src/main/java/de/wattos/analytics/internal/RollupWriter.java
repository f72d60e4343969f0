package de.wattos.analytics.internal;

import de.wattos.analytics.internal.RollupDelta.Dims;
import de.wattos.analytics.internal.RollupDelta.TenantId;
import de.wattos.crawl.CrawlFinished;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a {@link RollupDelta}: one multi-row statement per rollup table for the whole batch, the rows passed as
 * parallel arrays and unnested in SQL. Histograms travel as array literals and are added element-wise.
 * <p>
 * This is the one place in analytics that writes tenant rows without {@code TenantJdbc}: a batch carries the
 * events of many tenants, and one statement per tenant and table was what kept ingestion at a few hundred events
 * per second. Every row's tenant is the tenant named by the event itself (its publisher bound it), and every read
 * here matches on the tenant as well as the id, so no event can touch another tenant's rows.
 */
@Component
class RollupWriter {

    /** A conversation row to insert. */
    record NewConversation(UUID tenant, UUID id, Instant startedAt, String channel, UUID widget, UUID agent,
            String visitor, boolean returning) {
    }

    /** A tenant's pseudonymous visitor. */
    record Visitor(UUID tenant, String visitor) implements Comparable<Visitor> {
        @Override
        public int compareTo(Visitor o) {
            int c = tenant.compareTo(o.tenant);
            return c != 0 ? c : visitor.compareTo(o.visitor);
        }
    }

    /** The question an answer was given to. */
    record Question(String text, Instant askedAt) {
    }

    private static final String COUNTERS = """
            conversations, answers, no_answers, unfinished, feedback_up, feedback_down, solved_yes, solved_no,
            citations, input_tokens, output_tokens, latency_ms_sum, ttft_ms_sum, ttft_count, latency_hist, ttft_hist""";

    /**
     * The element-wise sum of the stored and the incoming histogram. Most rows gain counts in one of the two only (a
     * conversation's start or feedback adds no latency), so an all-zero side is taken as it is; otherwise the arrays
     * are walked in step (unnest of two arrays keeps their order).
     */
    private static final String HISTOGRAM_SUM = "case when excluded.{h} = '" + zeros() + "' then t.{h}"
            + " when t.{h} = '" + zeros() + "' then excluded.{h}"
            + " else array(select a + b from unnest(t.{h}, excluded.{h}) as h(a, b)) end";

    private final JdbcClient jdbc;

    RollupWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts new log entries; answers the ids that were new. */
    List<UUID> log(List<EventIngestion.Entry> entries, Function<Object, String> payload) {
        return jdbc.sql("""
                insert into analytics_events (id, tenant_id, type, occurred_at, conversation_id, payload)
                select u.id, u.tenant, u.type, u.at, u.conversation, u.payload
                from unnest(cast(:ids as uuid[]), cast(:tenants as uuid[]), cast(:types as text[]),
                  cast(:ats as timestamptz[]), cast(:conversations as uuid[]), cast(:payloads as jsonb[]))
                  as u(id, tenant, type, at, conversation, payload)
                on conflict (id) do nothing
                returning id""")
                .param("ids", strings(entries, EventIngestion.Entry::id))
                .param("tenants", strings(entries, EventIngestion.Entry::tenantId))
                .param("types", strings(entries, EventIngestion.Entry::type))
                .param("ats", strings(entries, EventIngestion.Entry::occurredAt))
                .param("conversations", strings(entries, EventIngestion.Entry::conversationId))
                .param("payloads", entries.stream().map(e -> payload.apply(e.event())).toArray(String[]::new))
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    /** Removes log entries again (of events refused in the same transaction). */
    void unlog(Collection<TenantId> entries) {
        jdbc.sql("""
                delete from analytics_events e using unnest(cast(:tenants as uuid[]), cast(:ids as uuid[])) as u(tenant, id)
                where e.tenant_id = u.tenant and e.id = u.id""")
                .param("tenants", strings(entries, TenantId::tenant)).param("ids", strings(entries, TenantId::id))
                .update();
    }

    /** The dimensions of these stored conversations. */
    Map<TenantId, Dims> conversationDims(Collection<TenantId> conversations) {
        Map<TenantId, Dims> dims = new HashMap<>();
        if (conversations.isEmpty()) {
            return dims;
        }
        jdbc.sql("""
                select c.tenant_id, c.conversation_id, c.channel, c.widget_id, c.agent_id from analytics_conversations c
                join unnest(cast(:tenants as uuid[]), cast(:ids as uuid[])) as u(tenant, id)
                  on c.tenant_id = u.tenant and c.conversation_id = u.id""")
                .param("tenants", strings(conversations, TenantId::tenant))
                .param("ids", strings(conversations, TenantId::id))
                .query(rs -> {
                    dims.put(new TenantId(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)),
                            new Dims(rs.getString(3), rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), null,
                                    null));
                });
        return dims;
    }

    /** Question and time of these logged answers (this batch's answers are in the log already). */
    Map<TenantId, Question> answeredQuestions(Collection<TenantId> messages) {
        Map<TenantId, Question> questions = new HashMap<>();
        if (messages.isEmpty()) {
            return questions;
        }
        jdbc.sql("""
                select e.tenant_id, e.id, e.payload ->> 'question', e.occurred_at from analytics_events e
                join unnest(cast(:tenants as uuid[]), cast(:ids as uuid[])) as u(tenant, id)
                  on e.tenant_id = u.tenant and e.id = u.id
                where e.type = 'chat.MessageAnswered'""")
                .param("tenants", strings(messages, TenantId::tenant)).param("ids", strings(messages, TenantId::id))
                .query(rs -> {
                    questions.put(new TenantId(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)),
                            new Question(rs.getString(3), rs.getTimestamp(4).toInstant()));
                });
        return questions;
    }

    /** The stored first sighting of each of these visitors (absent: never seen). */
    Map<Visitor, Instant> firstSeen(List<Visitor> visitors) {
        Map<Visitor, Instant> seen = new HashMap<>();
        if (visitors.isEmpty()) {
            return seen;
        }
        jdbc.sql("""
                select v.tenant_id, v.visitor, v.first_seen from analytics_visitors v
                join unnest(cast(:tenants as uuid[]), cast(:visitors as text[])) as u(tenant, visitor)
                  on v.tenant_id = u.tenant and v.visitor = u.visitor""")
                .param("tenants", strings(visitors, Visitor::tenant))
                .param("visitors", strings(visitors, Visitor::visitor))
                .query(rs -> {
                    seen.put(new Visitor(rs.getObject(1, UUID.class), rs.getString(2)), rs.getTimestamp(3).toInstant());
                });
        return seen;
    }

    /** Inserts new conversation rows and moves the first sighting of their visitors back where it is earlier. */
    void conversations(List<NewConversation> rows, Map<Visitor, Instant> firstSeen) {
        jdbc.sql("""
                insert into analytics_conversations (conversation_id, tenant_id, started_at, channel, widget_id, agent_id,
                  visitor, returning_visitor)
                select u.id, u.tenant, u.at, u.channel, u.widget, u.agent, u.visitor, u.seen_before
                from unnest(cast(:ids as uuid[]), cast(:tenants as uuid[]), cast(:ats as timestamptz[]),
                  cast(:channels as text[]), cast(:widgets as uuid[]), cast(:agents as uuid[]), cast(:visitors as text[]),
                  cast(:returning as boolean[]))
                  as u(id, tenant, at, channel, widget, agent, visitor, seen_before)
                order by u.id
                on conflict do nothing""")
                .param("ids", strings(rows, NewConversation::id))
                .param("tenants", strings(rows, NewConversation::tenant))
                .param("ats", strings(rows, NewConversation::startedAt))
                .param("channels", strings(rows, NewConversation::channel))
                .param("widgets", strings(rows, NewConversation::widget))
                .param("agents", strings(rows, NewConversation::agent))
                .param("visitors", strings(rows, NewConversation::visitor))
                .param("returning", strings(rows, NewConversation::returning)).update();
        if (!firstSeen.isEmpty()) {
            var visitors = firstSeen.keySet();
            jdbc.sql("""
                    insert into analytics_visitors (tenant_id, visitor, first_seen)
                    select u.tenant, u.visitor, u.at
                    from unnest(cast(:tenants as uuid[]), cast(:visitors as text[]), cast(:ats as timestamptz[]))
                      as u(tenant, visitor, at)
                    on conflict (tenant_id, visitor) do update
                      set first_seen = least(analytics_visitors.first_seen, excluded.first_seen)""")
                    .param("tenants", strings(visitors, Visitor::tenant))
                    .param("visitors", strings(visitors, Visitor::visitor))
                    .param("ats", strings(firstSeen.values(), Function.identity())).update();
        }
    }

    void crawl(UUID tenant, CrawlFinished e) {
        jdbc.sql("""
                insert into analytics_crawls (run_id, tenant_id, space_id, source_id, finished_at, status, fetched, added,
                  changed, unchanged, removed, failed)
                values (:id, :tenant, :space, :source, :at, :status, :fetched, :added, :changed, :unchanged, :removed,
                  :failed)
                on conflict do nothing""")
                .param("id", e.runId()).param("tenant", tenant).param("space", e.spaceId())
                .param("source", e.sourceId()).param("at", Timestamp.from(e.finishedAt())).param("status", CrawlRunStatus.of(e.status()).wire())
                .param("fetched", e.fetched()).param("added", e.newDocuments()).param("changed", e.changed())
                .param("unchanged", e.unchanged()).param("removed", e.removed()).param("failed", e.failed()).update();
    }

    void write(RollupDelta delta) {
        counters("analytics_hourly", "hour", "timestamptz", delta.hourly, RollupDelta.HourKey::tenant,
                k -> k.hour().toString(), RollupDelta.HourKey::dims);
        counters("analytics_daily", "day", "date", delta.daily, RollupDelta.DayKey::tenant, k -> k.day().toString(),
                RollupDelta.DayKey::dims);
        conversationCounts(delta.conversations);
        knowledge(delta.knowledgeHourly);
        if (!delta.citedCounts.isEmpty()) {
            var keys = delta.citedCounts.keySet();
            jdbc.sql("""
                    insert into analytics_cited_daily (tenant_id, day, url, title, citations)
                    select u.tenant, u.day, u.url, u.title, u.n
                    from unnest(cast(:tenants as uuid[]), cast(:days as date[]), cast(:urls as text[]),
                      cast(:titles as text[]), cast(:counts as bigint[])) as u(tenant, day, url, title, n)
                    on conflict (tenant_id, day, url) do update set citations = analytics_cited_daily.citations + excluded.citations,
                      title = coalesce(excluded.title, analytics_cited_daily.title)""")
                    .param("tenants", strings(keys, RollupDelta.DayText::tenant))
                    .param("days", strings(keys, RollupDelta.DayText::day))
                    .param("urls", strings(keys, RollupDelta.DayText::text))
                    .param("titles", strings(keys, delta.citedTitles::get))
                    .param("counts", delta.citedCounts.values().stream().mapToLong(c -> c[0]).toArray()).update();
        }
        if (!delta.termCounts.isEmpty()) {
            var keys = delta.termCounts.keySet();
            jdbc.sql("""
                    insert into analytics_terms_daily (tenant_id, day, term, label, questions)
                    select u.tenant, u.day, u.term, u.label, u.n
                    from unnest(cast(:tenants as uuid[]), cast(:days as date[]), cast(:terms as text[]),
                      cast(:labels as text[]), cast(:counts as bigint[])) as u(tenant, day, term, label, n)
                    on conflict (tenant_id, day, term) do update set questions = analytics_terms_daily.questions + excluded.questions""")
                    .param("tenants", strings(keys, RollupDelta.DayText::tenant))
                    .param("days", strings(keys, RollupDelta.DayText::day))
                    .param("terms", strings(keys, RollupDelta.DayText::text))
                    .param("labels", strings(keys, delta.termLabels::get))
                    .param("counts", delta.termCounts.values().stream().mapToLong(c -> c[0]).toArray()).update();
        }
        unanswered(delta.unanswered);
        if (!delta.clickCounts.isEmpty()) {
            var keys = delta.clickCounts.keySet();
            jdbc.sql("""
                    insert into analytics_cited_daily (tenant_id, day, url, clicks)
                    select u.tenant, u.day, u.url, u.n
                    from unnest(cast(:tenants as uuid[]), cast(:days as date[]), cast(:urls as text[]),
                      cast(:counts as bigint[])) as u(tenant, day, url, n)
                    on conflict (tenant_id, day, url) do update set clicks = analytics_cited_daily.clicks + excluded.clicks""")
                    .param("tenants", strings(keys, RollupDelta.DayText::tenant))
                    .param("days", strings(keys, RollupDelta.DayText::day))
                    .param("urls", strings(keys, RollupDelta.DayText::text))
                    .param("counts", delta.clickCounts.values().stream().mapToLong(c -> c[0]).toArray()).update();
        }
        if (!delta.handoffs.isEmpty()) {
            var rows = delta.handoffs;
            jdbc.sql("""
                    insert into analytics_handoffs (event_id, tenant_id, conversation_id, requested_at, reason, outcome)
                    select u.id, u.tenant, u.conversation, u.at, u.reason, u.outcome
                    from unnest(cast(:ids as uuid[]), cast(:tenants as uuid[]), cast(:conversations as uuid[]),
                      cast(:ats as timestamptz[]), cast(:reasons as text[]), cast(:outcomes as text[]))
                      as u(id, tenant, conversation, at, reason, outcome)
                    on conflict (event_id) do nothing""")
                    .param("ids", strings(rows, HandoffRequested::eventId))
                    .param("tenants", strings(rows, HandoffRequested::tenantId))
                    .param("conversations", strings(rows, HandoffRequested::conversationId))
                    .param("ats", strings(rows, HandoffRequested::occurredAt))
                    .param("reasons", strings(rows, HandoffRequested::reason))
                    .param("outcomes", strings(rows, HandoffRequested::outcome)).update();
        }
    }

    private <K> void counters(String table, String keyColumn, String keyType, Map<K, Totals> rows,
            Function<K, UUID> tenant, Function<K, String> key, Function<K, Dims> dims) {
        if (rows.isEmpty()) {
            return;
        }
        var keys = rows.keySet();
        var counts = rows.values();
        jdbc.sql(("insert into {table} as t (tenant_id, {key}, channel, widget_id, agent_id, provider, model, " + COUNTERS
                + ")\n" + """
                select u.tenant, u.k, u.channel, u.widget, u.agent, u.provider, u.model, u.conversations, u.answers,
                  u.no_answers, u.unfinished, u.up, u.down, u.solved_yes, u.solved_no, u.citations, u.input_tokens,
                  u.output_tokens, u.latency, u.ttft, u.ttft_count, cast(u.latency_hist as int[]), cast(u.ttft_hist as int[])
                from unnest(cast(:tenants as uuid[]), cast(:keys as {keyType}[]), cast(:channels as text[]),
                  cast(:widgets as uuid[]), cast(:agents as uuid[]),
                  cast(:providers as text[]), cast(:models as text[]), cast(:conversations as bigint[]), cast(:answers as bigint[]),
                  cast(:noAnswers as bigint[]), cast(:unfinished as bigint[]), cast(:up as bigint[]), cast(:down as bigint[]),
                  cast(:solvedYes as bigint[]), cast(:solvedNo as bigint[]), cast(:citations as bigint[]),
                  cast(:inputTokens as bigint[]), cast(:outputTokens as bigint[]), cast(:latency as bigint[]),
                  cast(:ttft as bigint[]), cast(:ttftCount as bigint[]), cast(:latencyHist as text[]), cast(:ttftHist as text[]))
                  as u(tenant, k, channel, widget, agent, provider, model, conversations, answers, no_answers, unfinished, up,
                    down, solved_yes, solved_no, citations, input_tokens, output_tokens, latency, ttft, ttft_count,
                    latency_hist, ttft_hist)
                on conflict (tenant_id, {key}, channel, widget_id, agent_id, provider, model) do update set
                  conversations = t.conversations + excluded.conversations,
                  answers = t.answers + excluded.answers,
                  no_answers = t.no_answers + excluded.no_answers,
                  unfinished = t.unfinished + excluded.unfinished,
                  feedback_up = t.feedback_up + excluded.feedback_up,
                  feedback_down = t.feedback_down + excluded.feedback_down,
                  solved_yes = t.solved_yes + excluded.solved_yes,
                  solved_no = t.solved_no + excluded.solved_no,
                  citations = t.citations + excluded.citations,
                  input_tokens = t.input_tokens + excluded.input_tokens,
                  output_tokens = t.output_tokens + excluded.output_tokens,
                  latency_ms_sum = t.latency_ms_sum + excluded.latency_ms_sum,
                  ttft_ms_sum = t.ttft_ms_sum + excluded.ttft_ms_sum,
                  ttft_count = t.ttft_count + excluded.ttft_count,
                  latency_hist = {merge:latency_hist},
                  ttft_hist = {merge:ttft_hist}""")
                .replace("{table}", table).replace("{keyType}", keyType).replace("{key}", keyColumn)
                .replace("{merge:latency_hist}", HISTOGRAM_SUM.replace("{h}", "latency_hist"))
                .replace("{merge:ttft_hist}", HISTOGRAM_SUM.replace("{h}", "ttft_hist")))
                .param("tenants", strings(keys, tenant))
                .param("keys", keys.stream().map(key).toArray(String[]::new))
                .param("channels", strings(keys, k -> dims.apply(k).channel()))
                .param("widgets", strings(keys, k -> dims.apply(k).widget()))
                .param("agents", strings(keys, k -> dims.apply(k).agent()))
                .param("providers", strings(keys, k -> dims.apply(k).provider()))
                .param("models", strings(keys, k -> dims.apply(k).model()))
                .param("conversations", counts.stream().mapToLong(c -> c.conversations).toArray())
                .param("answers", counts.stream().mapToLong(c -> c.answers).toArray())
                .param("noAnswers", counts.stream().mapToLong(c -> c.noAnswers).toArray())
                .param("unfinished", counts.stream().mapToLong(c -> c.unfinished).toArray())
                .param("up", counts.stream().mapToLong(c -> c.feedbackUp).toArray())
                .param("down", counts.stream().mapToLong(c -> c.feedbackDown).toArray())
                .param("solvedYes", counts.stream().mapToLong(c -> c.solvedYes).toArray())
                .param("solvedNo", counts.stream().mapToLong(c -> c.solvedNo).toArray())
                .param("citations", counts.stream().mapToLong(c -> c.citations).toArray())
                .param("inputTokens", counts.stream().mapToLong(c -> c.inputTokens).toArray())
                .param("outputTokens", counts.stream().mapToLong(c -> c.outputTokens).toArray())
                .param("latency", counts.stream().mapToLong(c -> c.latencyMsSum).toArray())
                .param("ttft", counts.stream().mapToLong(c -> c.ttftMsSum).toArray())
                .param("ttftCount", counts.stream().mapToLong(c -> c.ttftCount).toArray())
                .param("latencyHist", counts.stream().map(c -> literal(c.latencyHist)).toArray(String[]::new))
                .param("ttftHist", counts.stream().map(c -> literal(c.ttftHist)).toArray(String[]::new))
                .update();
    }

    private void conversationCounts(Map<TenantId, RollupDelta.ConversationCounts> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                update analytics_conversations c set answers = c.answers + u.answers, no_answers = c.no_answers + u.no_answers
                from unnest(cast(:tenants as uuid[]), cast(:ids as uuid[]), cast(:answers as int[]), cast(:noAnswers as int[]))
                  as u(tenant, id, answers, no_answers)
                where c.tenant_id = u.tenant and c.conversation_id = u.id""")
                .param("tenants", strings(rows.keySet(), TenantId::tenant))
                .param("ids", strings(rows.keySet(), TenantId::id))
                .param("answers", rows.values().stream().mapToInt(c -> c.answers).toArray())
                .param("noAnswers", rows.values().stream().mapToInt(c -> c.noAnswers).toArray()).update();
    }

    private void knowledge(Map<RollupDelta.TenantHour, RollupDelta.DocumentCounts> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var counts = rows.values();
        jdbc.sql("""
                insert into analytics_knowledge_hourly (tenant_id, hour, added, changed, failed, removed)
                select u.tenant, u.hour, u.added, u.changed, u.failed, u.removed
                from unnest(cast(:tenants as uuid[]), cast(:hours as timestamptz[]), cast(:added as int[]),
                  cast(:changed as int[]), cast(:failed as int[]), cast(:removed as int[]))
                  as u(tenant, hour, added, changed, failed, removed)
                on conflict (tenant_id, hour) do update set added = analytics_knowledge_hourly.added + excluded.added,
                  changed = analytics_knowledge_hourly.changed + excluded.changed,
                  failed = analytics_knowledge_hourly.failed + excluded.failed,
                  removed = analytics_knowledge_hourly.removed + excluded.removed""")
                .param("tenants", strings(rows.keySet(), RollupDelta.TenantHour::tenant))
                .param("hours", strings(rows.keySet(), RollupDelta.TenantHour::hour))
                .param("added", counts.stream().mapToInt(c -> c.added).toArray())
                .param("changed", counts.stream().mapToInt(c -> c.changed).toArray())
                .param("failed", counts.stream().mapToInt(c -> c.failed).toArray())
                .param("removed", counts.stream().mapToInt(c -> c.removed).toArray()).update();
    }

    private void unanswered(Map<TenantId, RollupDelta.Unanswered> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var values = rows.values();
        jdbc.sql("""
                insert into analytics_unanswered (message_id, tenant_id, conversation_id, asked_at, question, no_answer,
                  thumbs_down)
                select u.id, u.tenant, u.conversation, u.at, u.question, u.no_answer, u.down
                from unnest(cast(:ids as uuid[]), cast(:tenants as uuid[]), cast(:conversations as uuid[]),
                  cast(:ats as timestamptz[]), cast(:questions as text[]), cast(:noAnswers as boolean[]),
                  cast(:downs as boolean[])) as u(id, tenant, conversation, at, question, no_answer, down)
                on conflict (message_id) do update set no_answer = analytics_unanswered.no_answer or excluded.no_answer,
                  thumbs_down = analytics_unanswered.thumbs_down or excluded.thumbs_down
                where analytics_unanswered.tenant_id = excluded.tenant_id""")
                .param("ids", strings(rows.keySet(), TenantId::id))
                .param("tenants", strings(rows.keySet(), TenantId::tenant))
                .param("conversations", strings(values, u -> u.conversationId))
                .param("ats", strings(values, u -> u.askedAt))
                .param("questions", strings(values, u -> u.question))
                .param("noAnswers", strings(values, u -> u.noAnswer))
                .param("downs", strings(values, u -> u.thumbsDown)).update();
    }

    private static <T> String[] strings(Collection<T> rows, Function<T, ?> field) {
        return rows.stream().map(field).map(v -> v == null ? null : v.toString()).toArray(String[]::new);
    }

    private static String zeros() {
        return literal(new long[LatencyHistogram.SIZE]);
    }

    private static String literal(long[] histogram) {
        return Arrays.stream(histogram).mapToObj(Long::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
