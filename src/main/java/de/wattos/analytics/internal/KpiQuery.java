package de.wattos.analytics.internal;

import de.wattos.llm.ModelPrices;
import de.wattos.platform.TenantJdbc;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Computes the KPIs of the bound tenant for a period (and the period before it) from the rollups. */
@Component
class KpiQuery {

    static final String COLUMNS = """
            provider, model, conversations, answers, no_answers, unfinished, feedback_up, feedback_down,
            solved_yes, solved_no, citations, input_tokens, output_tokens, latency_ms_sum, ttft_ms_sum, ttft_count,
            latency_hist, ttft_hist""";

    private final TenantJdbc jdbc;
    private final AnalyticsProperties properties;
    private final ModelPrices prices;

    private final ActivityLog activityLog;

    KpiQuery(TenantJdbc jdbc, AnalyticsProperties properties, ModelPrices prices, ActivityLog activityLog) {
        this.activityLog = activityLog;
        this.jdbc = jdbc;
        this.properties = properties;
        this.prices = prices;
    }

    KpiReport query(Period period, KpiReport.Filters filters) {
        Period previous = period.previous();
        Totals current = new Totals();
        Totals before = new Totals();
        Map<Instant, Totals> buckets = emptyBuckets(period);
        Map<String, KpiReport.ModelUsage> models = new TreeMap<>();
        Map<String, long[]> modelCounts = new TreeMap<>();
        BigDecimal[] costBefore = {BigDecimal.ZERO};
        boolean[] anyPriced = {false};

        RowSink sink = (rs, at) -> {
            Totals row = new Totals();
            row.add(rs);
            String provider = rs.getString("provider");
            String model = rs.getString("model");
            anyPriced[0] |= row.answers > 0 && prices.priced(model);
            if (at.isBefore(period.from())) {
                before.add(row);
                costBefore[0] = costBefore[0].add(prices.cost(model, row.inputTokens, row.outputTokens));
                return;
            }
            current.add(row);
            buckets.computeIfAbsent(period.bucketOf(at), b -> new Totals()).add(row);
            if (row.answers > 0 && !(provider.isEmpty() && model.isEmpty())) {
                long[] c = modelCounts.computeIfAbsent(provider + "\u0000" + model, k -> new long[3]);
                c[0] += row.answers;
                c[1] += row.inputTokens;
                c[2] += row.outputTokens;
            }
        };
        ZoneId zone = period.zone();
        Instant start = previous.from();
        Instant end = period.to();
        LocalDate firstFullDay = LocalDate.ofInstant(start, zone);
        if (!firstFullDay.atStartOfDay(zone).toInstant().equals(start)) {
            firstFullDay = firstFullDay.plusDays(1);
        }
        LocalDate endDay = LocalDate.ofInstant(end, zone); // days before it are whole inside the range
        boolean fromAtMidnight = LocalDate.ofInstant(period.from(), zone).atStartOfDay(zone).toInstant()
                .equals(period.from());
        if (period.granularity() != Period.Granularity.HOUR && fromAtMidnight && firstFullDay.isBefore(endDay)) {
            // whole days from the daily rollups; only the partial days at either end from the hourly ones
            Instant fullFrom = firstFullDay.atStartOfDay(zone).toInstant();
            Instant fullTo = endDay.atStartOfDay(zone).toInstant();
            hourlyRows(start, fullFrom, filters, sink);
            dailyRows(firstFullDay, endDay, filters, zone, sink);
            hourlyRows(fullTo, end, filters, sink);
        } else {
            hourlyRows(start, end, filters, sink);
        }
        BigDecimal[] cost = {BigDecimal.ZERO};
        modelCounts.forEach((key, c) -> {
            String[] pm = key.split("\u0000", -1);
            BigDecimal modelCost = prices.cost(pm[1], c[1], c[2]);
            cost[0] = cost[0].add(modelCost);
            // a model without a configured price has no known cost: null, never a made-up 0
            models.put(key, new KpiReport.ModelUsage(pm[0], pm[1], c[0], c[1], c[2],
                    prices.priced(pm[1]) ? modelCost.setScale(4, RoundingMode.HALF_UP).doubleValue() : null));
        });
        long[] handoffs = handoffConversations(period, previous, filters);
        long[] clicks = citationClicks(period, previous);

        long[] visitors = visitors(period, previous, filters);
        double t = properties.trendThreshold();
        Map<String, Kpi> kpis = new LinkedHashMap<>();
        kpis.put("conversations", Kpi.of(current.conversations, before.conversations, t));
        kpis.put("messages", Kpi.of(current.answers, before.answers, t));
        kpis.put("uniqueVisitors", Kpi.of(visitors[0], visitors[2], t));
        kpis.put("returningVisitors", Kpi.of(visitors[1], visitors[3], t));
        kpis.put("averageTurns", Kpi.of(current.averageTurns(), before.averageTurns(), t));
        kpis.put("answerRate", Kpi.of(current.answerRate(), before.answerRate(), t));
        kpis.put("noAnswerRate", Kpi.of(current.noAnswerRate(), before.noAnswerRate(), t));
        kpis.put("noAnswers", Kpi.of(current.noAnswers, before.noAnswers, t));
        kpis.put("selfServiceRate", Kpi.of(Totals.ratio(current.conversations - Math.min(handoffs[0], current.conversations),
                current.conversations), Totals.ratio(before.conversations - Math.min(handoffs[1], before.conversations),
                before.conversations), t));
        kpis.put("handoffRate", Kpi.of(Totals.ratio(Math.min(handoffs[0], current.conversations), current.conversations),
                Totals.ratio(Math.min(handoffs[1], before.conversations), before.conversations), t));
        kpis.put("handoffs", Kpi.of(handoffs[0], handoffs[1], t));
        kpis.put("thumbsUp", Kpi.of(current.feedbackUp, before.feedbackUp, t));
        kpis.put("thumbsDown", Kpi.of(current.feedbackDown, before.feedbackDown, t));
        kpis.put("csat", Kpi.of(current.csat(), before.csat(), t));
        kpis.put("solvedRate", Kpi.of(current.solvedRate(), before.solvedRate(), t));
        kpis.put("timeToFirstTokenP50Ms", Kpi.of(current.ttftP(0.5), before.ttftP(0.5), t));
        kpis.put("timeToFirstTokenP95Ms", Kpi.of(current.ttftP(0.95), before.ttftP(0.95), t));
        kpis.put("answerTimeP50Ms", Kpi.of(current.latencyP(0.5), before.latencyP(0.5), t));
        kpis.put("answerTimeP95Ms", Kpi.of(current.latencyP(0.95), before.latencyP(0.95), t));
        kpis.put("inputTokens", Kpi.of(current.inputTokens, before.inputTokens, t));
        kpis.put("outputTokens", Kpi.of(current.outputTokens, before.outputTokens, t));
        kpis.put("cost", anyPriced[0] ? Kpi.of(cost[0].setScale(4, RoundingMode.HALF_UP).doubleValue(),
                costBefore[0].setScale(4, RoundingMode.HALF_UP).doubleValue(), t)
                : Kpi.noData("no price is configured for the models used (wattos.llm.prices)"));
        kpis.put("citationsPerAnswer", Kpi.of(current.citationsPerAnswer(), before.citationsPerAnswer(), t));
        kpis.put("citationClicks", Kpi.of(clicks[0], clicks[2], t));
        kpis.put("citationClickThrough", Kpi.of(Totals.ratio(clicks[0], clicks[1]), Totals.ratio(clicks[2], clicks[3]), t));
        kpis.put("completionRate", Kpi.of(current.completionRate(), before.completionRate(), t));
        KpiReport.Activity activity = KpiReport.Activity.of(activityLog.counts(period.from(), period.to()));
        KpiReport.Activity activityBefore = KpiReport.Activity.of(activityLog.counts(previous.from(), previous.to()));
        kpis.put("agentRuns", Kpi.of(activity.agentRuns(), activityBefore.agentRuns(), t));
        kpis.put("approvalsRequested", Kpi.of(activity.approvalsRequested(), activityBefore.approvalsRequested(), t));
        kpis.put("kbSyncDeliveries", Kpi.of(activity.kbSyncDelivered(), activityBefore.kbSyncDelivered(), t));
        long syncs = activity.kbSyncDelivered() + activity.kbSyncFailed();
        long syncsBefore = activityBefore.kbSyncDelivered() + activityBefore.kbSyncFailed();
        kpis.put("kbSyncRate", syncs + syncsBefore == 0
                ? Kpi.noData("no knowledge-base sync deliveries in this period or the one before (kb.sync events)")
                : Kpi.of(Totals.ratio(activity.kbSyncDelivered(), syncs), Totals.ratio(activityBefore.kbSyncDelivered(), syncsBefore), t));

        List<KpiReport.Bucket> series = new ArrayList<>();
        buckets.forEach((bucket, b) -> series.add(new KpiReport.Bucket(bucket, b.conversations, b.answers, b.noAnswers,
                b.feedbackUp, b.feedbackDown, b.inputTokens, b.outputTokens, b.latencyP(0.95))));

        return new KpiReport(period.from(), period.to(), previous.from(), period.granularity().name().toLowerCase(),
                period.zone().getId(), filters, t, kpis, series, List.copyOf(models.values()), crawl(period),
                knowledge(period), topTopics(period), topCitedPages(period), handoffReasons(period, filters),
                List.of("Hourly rollups are summed into " + period.granularity().name().toLowerCase()
                        + " buckets in the tenant's time zone; percentiles come from fixed latency buckets.",
                        "Top topics, cited pages and citation clicks count whole days; filters apply to conversation figures only.",
                        "Handoff and self-service rates count conversations started in the period that were (not) handed to a person.",
                        "Cost is tokens × the prices configured now (wattos.llm.prices); models without a price have no cost."), activity);
    }

    /** Takes one rollup row and the instant its hour or day starts. */
    private interface RowSink {
        void accept(ResultSet rs, Instant at) throws SQLException;
    }

    private void hourlyRows(Instant from, Instant to, KpiReport.Filters filters, RowSink sink) {
        if (!from.isBefore(to)) {
            return;
        }
        StringBuilder sql = new StringBuilder("select hour, " + COLUMNS
                + " from analytics_hourly where tenant_id = :tenantId and hour >= :from and hour < :to");
        appendFilters(sql, filters);
        var statement = jdbc.sql(sql.toString()).param("from", Timestamp.from(from)).param("to", Timestamp.from(to));
        bindFilters(statement, filters).query(rs -> {
            sink.accept(rs, rs.getTimestamp("hour").toInstant());
        });
    }

    private void dailyRows(LocalDate from, LocalDate to, KpiReport.Filters filters, ZoneId zone, RowSink sink) {
        StringBuilder sql = new StringBuilder("select day, " + COLUMNS
                + " from analytics_daily where tenant_id = :tenantId and day >= :from and day < :to");
        appendFilters(sql, filters);
        var statement = jdbc.sql(sql.toString()).param("from", from).param("to", to);
        bindFilters(statement, filters).query(rs -> {
            sink.accept(rs, rs.getObject("day", LocalDate.class).atStartOfDay(zone).toInstant());
        });
    }

    private static Map<Instant, Totals> emptyBuckets(Period period) {
        Map<Instant, Totals> buckets = new TreeMap<>();
        for (Instant b = period.bucketOf(period.from()); b.isBefore(period.to()); b = period.nextBucket(b)) {
            buckets.put(b, new Totals());
        }
        return buckets;
    }

    private static void appendFilters(StringBuilder sql, KpiReport.Filters f) {
        if (f.channel() != null) {
            sql.append(" and channel = :channel");
        }
        if (f.widgetId() != null) {
            sql.append(" and widget_id = :widget");
        }
        if (f.agentId() != null) {
            sql.append(" and agent_id = :agent");
        }
    }

    private static org.springframework.jdbc.core.simple.JdbcClient.StatementSpec bindFilters(
            org.springframework.jdbc.core.simple.JdbcClient.StatementSpec s, KpiReport.Filters f) {
        if (f.channel() != null) {
            s = s.param("channel", f.channel());
        }
        if (f.widgetId() != null) {
            s = s.param("widget", f.widgetId());
        }
        if (f.agentId() != null) {
            s = s.param("agent", f.agentId());
        }
        return s;
    }

    /** Unique and returning visitors of the period and of the previous period. */
    private long[] visitors(Period period, Period previous, KpiReport.Filters filters) {
        StringBuilder sql = new StringBuilder("""
                select count(distinct visitor) filter (where started_at >= :from),
                       count(distinct visitor) filter (where started_at >= :from and returning_visitor),
                       count(distinct visitor) filter (where started_at < :from),
                       count(distinct visitor) filter (where started_at < :from and returning_visitor)
                from analytics_conversations
                where tenant_id = :tenantId and started_at >= :previousFrom and started_at < :to and visitor is not null""");
        appendFilters(sql, filters);
        var s = jdbc.sql(sql.toString()).param("from", Timestamp.from(period.from()))
                .param("previousFrom", Timestamp.from(previous.from())).param("to", Timestamp.from(period.to()));
        return bindFilters(s, filters).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4)}).single();
    }

    /** Conversations started in the period (and in the previous one) that were handed to a person. */
    private long[] handoffConversations(Period period, Period previous, KpiReport.Filters filters) {
        StringBuilder sql = new StringBuilder("""
                select count(distinct h.conversation_id) filter (where c.started_at >= :from),
                       count(distinct h.conversation_id) filter (where c.started_at < :from)
                from analytics_handoffs h join analytics_conversations c
                  on c.tenant_id = h.tenant_id and c.conversation_id = h.conversation_id
                where h.tenant_id = :tenantId and c.started_at >= :previousFrom and c.started_at < :to""");
        appendFilters(sql, filters);
        var s = jdbc.sql(sql.toString()).param("from", Timestamp.from(period.from()))
                .param("previousFrom", Timestamp.from(previous.from())).param("to", Timestamp.from(period.to()));
        return bindFilters(s, filters).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    private List<KpiReport.HandoffReason> handoffReasons(Period period, KpiReport.Filters filters) {
        StringBuilder sql = new StringBuilder("""
                select coalesce(h.reason, ''), count(distinct h.conversation_id) as n
                from analytics_handoffs h join analytics_conversations c
                  on c.tenant_id = h.tenant_id and c.conversation_id = h.conversation_id
                where h.tenant_id = :tenantId and c.started_at >= :from and c.started_at < :to""");
        appendFilters(sql, filters);
        sql.append(" group by 1 order by n desc, 1 limit 10");
        var s = jdbc.sql(sql.toString()).param("from", Timestamp.from(period.from())).param("to", Timestamp.from(period.to()));
        return bindFilters(s, filters).query((rs, n) -> new KpiReport.HandoffReason(rs.getString(1), rs.getLong(2))).list();
    }

    /** Source clicks and citations of the period's days, then of the previous period's days. */
    private long[] citationClicks(Period period, Period previous) {
        return jdbc.sql("""
                select coalesce(sum(clicks) filter (where day >= :from), 0), coalesce(sum(citations) filter (where day >= :from), 0),
                       coalesce(sum(clicks) filter (where day < :from), 0), coalesce(sum(citations) filter (where day < :from), 0)
                from analytics_cited_daily where tenant_id = :tenantId and day >= :previousFrom and day <= :to""")
                .param("from", firstDay(period)).param("previousFrom", firstDay(previous)).param("to", lastDay(period))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).single();
    }

    private KpiReport.Crawl crawl(Period period) {
        var last = jdbc.sql("""
                select finished_at, status from analytics_crawls where tenant_id = :tenantId and finished_at < :to
                order by finished_at desc limit 1""").param("to", Timestamp.from(period.to()))
                .query((rs, n) -> new Object[] {rs.getTimestamp(1).toInstant(), CrawlRunStatus.of(rs.getString(2))}).optional();
        return jdbc.sql("""
                select count(*), count(*) filter (where status = :failed), coalesce(sum(added), 0),
                  coalesce(sum(changed), 0), coalesce(sum(removed), 0), coalesce(sum(failed), 0)
                from analytics_crawls where tenant_id = :tenantId and finished_at >= :from and finished_at < :to""")
                .param("from", Timestamp.from(period.from())).param("to", Timestamp.from(period.to()))
                .param("failed", CrawlRunStatus.FAILED.wire())
                .query((rs, n) -> new KpiReport.Crawl(last.map(r -> (Instant) r[0]).orElse(null),
                        last.map(r -> (CrawlRunStatus) r[1]).orElse(null), rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6))).single();
    }

    private KpiReport.Knowledge knowledge(Period period) {
        return jdbc.sql("""
                select coalesce(sum(added), 0), coalesce(sum(changed), 0), coalesce(sum(failed), 0), coalesce(sum(removed), 0)
                from analytics_knowledge_hourly where tenant_id = :tenantId and hour >= :from and hour < :to""")
                .param("from", Timestamp.from(period.from())).param("to", Timestamp.from(period.to()))
                .query((rs, n) -> new KpiReport.Knowledge(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }

    private List<KpiReport.Topic> topTopics(Period period) {
        return jdbc.sql("""
                select min(label), sum(questions) as n from analytics_terms_daily
                where tenant_id = :tenantId and day >= :from and day <= :to
                group by term order by n desc, min(label) limit 10""")
                .param("from", firstDay(period)).param("to", lastDay(period))
                .query((rs, n) -> new KpiReport.Topic(rs.getString(1), rs.getLong(2))).list();
    }

    private List<KpiReport.CitedPage> topCitedPages(Period period) {
        return jdbc.sql("""
                select url, max(title), sum(citations) as n, sum(clicks) from analytics_cited_daily
                where tenant_id = :tenantId and day >= :from and day <= :to
                group by url order by n desc, url limit 10""")
                .param("from", firstDay(period)).param("to", lastDay(period))
                .query((rs, n) -> new KpiReport.CitedPage(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    private static LocalDate firstDay(Period p) {
        return LocalDate.ofInstant(p.from(), p.zone());
    }

    private static LocalDate lastDay(Period p) {
        return LocalDate.ofInstant(p.to().minusMillis(1), p.zone());
    }
}
