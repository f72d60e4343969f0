package de.wattos.llm.internal.usage;

import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantJdbc;
import de.wattos.platform.TenantRef;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Repository;

/** Call records ({@code llm_calls}) and the monthly aggregate the budget check reads ({@code llm_monthly_usage}). */
@Repository
public class Usage {

    private static final Logger log = LoggerFactory.getLogger(Usage.class);
    private final TenantJdbc jdbc;

    public Usage(TenantJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a call; a failure to record is logged, never thrown at the caller who already has an answer. */
    public void record(CallRecord call) {
        try {
            Instant now = Instant.now();
            jdbc.sql("""
                    insert into llm_calls (id, tenant_id, created_at, provider, provider_type, provider_id, model, purpose,
                        streamed, input_tokens, output_tokens, ttft_ms, latency_ms, outcome, error_code, cost_eur, pii_masked)
                    values (:id, :tenantId, :now, :provider, :type, :providerId, :model, :purpose, :streamed, :in, :out,
                        :ttft, :latency, :outcome, :error, :cost, :pii)""")
                    .param("id", Ids.newId()).param("now", Timestamp.from(now)).param("provider", call.provider())
                    .param("type", call.providerType()).param("providerId", call.providerId()).param("model", call.model())
                    .param("purpose", call.purpose()).param("streamed", call.streamed()).param("in", call.inputTokens())
                    .param("out", call.outputTokens()).param("ttft", call.ttftMs()).param("latency", call.latencyMs())
                    .param("outcome", call.outcome().wire()).param("error", call.errorCode()).param("cost", call.costEur())
                    .param("pii", call.piiMasked()).update();
            long tokens = (long) call.inputTokens() + call.outputTokens();
            if (tokens > 0 || call.costEur().signum() > 0) {
                jdbc.sql("""
                        insert into llm_monthly_usage (tenant_id, month, tokens, cost_eur) values (:tenantId, :month, :tokens, :cost)
                        on conflict (tenant_id, month) do update set tokens = llm_monthly_usage.tokens + excluded.tokens,
                            cost_eur = llm_monthly_usage.cost_eur + excluded.cost_eur""")
                        .param("month", month(now)).param("tokens", tokens).param("cost", call.costEur()).update();
            }
        } catch (RuntimeException e) {
            log.error("Could not record a model call of provider {}", call.provider(), e);
        }
    }

    public record MonthToDate(long tokens, BigDecimal costEur) {
    }

    public MonthToDate monthToDate() {
        return jdbc.sql("select tokens, cost_eur from llm_monthly_usage where tenant_id = :tenantId and month = :month")
                .param("month", month(Instant.now()))
                .query((rs, i) -> new MonthToDate(rs.getLong(1), rs.getBigDecimal(2))).optional()
                .orElse(new MonthToDate(0, BigDecimal.ZERO));
    }

    public record Summary(long calls, long failedCalls, long inputTokens, long outputTokens, BigDecimal costEur,
            Long avgLatencyMs, Long avgTimeToFirstTokenMs, List<ModelSummary> byModel) {
    }

    public record ModelSummary(String provider, String providerType, String model, long calls, long failedCalls,
            long inputTokens, long outputTokens, BigDecimal costEur, Long avgLatencyMs, Long avgTimeToFirstTokenMs) {
    }

    public Summary summary(Instant from, Instant to) {
        List<ModelSummary> rows = jdbc.sql("""
                select provider, provider_type, coalesce(model, '') as model, count(*) as calls,
                    count(*) filter (where outcome = :error) as failed,
                    coalesce(sum(input_tokens), 0) as input_tokens, coalesce(sum(output_tokens), 0) as output_tokens,
                    coalesce(sum(cost_eur), 0) as cost, round(avg(latency_ms))::bigint as latency, round(avg(ttft_ms))::bigint as ttft
                from llm_calls where tenant_id = :tenantId and created_at >= :from and created_at < :to
                group by provider, provider_type, coalesce(model, '') order by calls desc, provider, model""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("error", CallOutcome.ERROR.wire())
                .query((rs, i) -> new ModelSummary(rs.getString("provider"), rs.getString("provider_type"),
                        rs.getString("model"), rs.getLong("calls"), rs.getLong("failed"), rs.getLong("input_tokens"),
                        rs.getLong("output_tokens"), rs.getBigDecimal("cost").stripTrailingZeros(),
                        (Long) rs.getObject("latency", Long.class), (Long) rs.getObject("ttft", Long.class)))
                .list();
        long calls = 0;
        long failed = 0;
        long in = 0;
        long out = 0;
        BigDecimal cost = BigDecimal.ZERO;
        double latencySum = 0;
        double ttftSum = 0;
        long ttftCalls = 0;
        for (ModelSummary r : rows) {
            calls += r.calls();
            failed += r.failedCalls();
            in += r.inputTokens();
            out += r.outputTokens();
            cost = cost.add(r.costEur());
            latencySum += r.avgLatencyMs() == null ? 0 : r.avgLatencyMs() * (double) r.calls();
            if (r.avgTimeToFirstTokenMs() != null) {
                ttftSum += r.avgTimeToFirstTokenMs() * (double) r.calls();
                ttftCalls += r.calls();
            }
        }
        return new Summary(calls, failed, in, out, cost.stripTrailingZeros(), calls == 0 ? null : Math.round(latencySum / calls),
                ttftCalls == 0 ? null : Math.round(ttftSum / ttftCalls), rows);
    }

    /** The first day of the current month in the tenant's time zone (UTC if it has none). */
    static LocalDate month(Instant at) {
        ZoneId zone = TenantContext.find().map(TenantRef::timeZone).map(z -> (ZoneId) z).orElse(ZoneOffset.UTC);
        return LocalDate.ofInstant(at, zone).withDayOfMonth(1);
    }
}
