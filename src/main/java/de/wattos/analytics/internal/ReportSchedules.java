package de.wattos.analytics.internal;

import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantJdbc;
import de.wattos.platform.TenantRef;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The report schedules: the bound tenant's (through {@link TenantJdbc}), and the due ones of all tenants. */
@Component
public class ReportSchedules {

    static final int MAX_RECIPIENTS = 20;
    private static final Pattern MAIL = Pattern.compile("[^@\\s<>,;\"]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
    private static final String COLUMNS = "id, type, format, locale, recipients, enabled, next_run_at, last_run_at, last_status, last_error";

    private final TenantJdbc jdbc;
    private final JdbcClient allTenants;

    ReportSchedules(TenantJdbc jdbc, JdbcClient allTenants) {
        this.jdbc = jdbc;
        this.allTenants = allTenants;
    }

    /** What a tenant asks for; validated here so that bad input is a 400 with field errors. */
    public record Request(List<String> recipients, String format, String locale, Boolean enabled) {
    }

    public List<ReportSchedule> list() {
        return jdbc.sql("select " + COLUMNS + " from analytics_report_schedules where tenant_id = :tenantId order by type")
                .query(ReportSchedules::schedule).list();
    }

    public Optional<ReportSchedule> find(ReportSchedule.Type type) {
        return jdbc.sql("select " + COLUMNS + " from analytics_report_schedules where tenant_id = :tenantId and type = :type")
                .param("type", type.name()).query(ReportSchedules::schedule).optional();
    }

    /** Creates or replaces the tenant's schedule of this type; the next run is computed in the tenant's time zone. */
    public ReportSchedule save(ReportSchedule.Type type, Request request) {
        if (request == null || request.recipients() == null || request.recipients().isEmpty()) {
            throw ApiException.invalidField("recipients", "at least one e-mail address");
        }
        if (request.recipients().size() > MAX_RECIPIENTS) {
            throw ApiException.invalidField("recipients", "at most " + MAX_RECIPIENTS + " addresses");
        }
        List<String> recipients = request.recipients().stream().map(r -> r == null ? "" : r.strip()).distinct().toList();
        for (int i = 0; i < recipients.size(); i++) {
            if (!MAIL.matcher(recipients.get(i)).matches()) {
                throw ApiException.invalidField("recipients[" + i + "]", "not an e-mail address");
            }
        }
        ReportFormat format = request.format() == null ? ReportFormat.PDF : parseFormat(request.format());
        String locale = request.locale() == null || request.locale().isBlank() ? "de" : request.locale().strip().toLowerCase();
        if (!locale.equals("de") && !locale.equals("en")) {
            throw ApiException.invalidField("locale", "de or en");
        }
        boolean enabled = request.enabled() == null || request.enabled();
        Instant next = type.nextRun(Instant.now(), zone(TenantContext.current()));
        jdbc.sql("""
                insert into analytics_report_schedules (id, tenant_id, type, format, locale, recipients, enabled, next_run_at, updated_by)
                values (:id, :tenantId, :type, :format, :locale, cast(:recipients as text[]), :enabled, :next, :by)
                on conflict (tenant_id, type) do update set format = excluded.format, locale = excluded.locale,
                  recipients = excluded.recipients, enabled = excluded.enabled, next_run_at = excluded.next_run_at,
                  attempts = 0, updated_at = now(), updated_by = excluded.updated_by""")
                .param("id", Ids.newId()).param("type", type.name()).param("format", format.name()).param("locale", locale)
                .param("recipients", recipients.toArray(String[]::new)).param("enabled", enabled)
                .param("next", Timestamp.from(next))
                .param("by", CurrentActor.find().map(a -> a.name()).orElse(null)).update();
        return find(type).orElseThrow();
    }

    public boolean delete(ReportSchedule.Type type) {
        return jdbc.sql("delete from analytics_report_schedules where tenant_id = :tenantId and type = :type")
                .param("type", type.name()).update() > 0;
    }

    /** A due schedule of any tenant. */
    record Due(UUID tenantId, ReportSchedule schedule) {
    }

    /** Due schedules of all tenants that no node holds a live claim on. */
    List<Due> due(Instant now, int limit) {
        return allTenants.sql("select tenant_id, " + COLUMNS + """
                 from analytics_report_schedules
                where enabled and next_run_at <= :now and (claimed_until is null or claimed_until <= :now)
                order by next_run_at limit :limit""")
                .param("now", Timestamp.from(now)).param("limit", limit)
                .query((rs, n) -> new Due(rs.getObject("tenant_id", UUID.class), schedule(rs, n))).list();
    }

    /**
     * Claims a due schedule of the bound tenant for sending until {@code leaseUntil}, only if it is still due at the
     * time read and no live claim holds it: of several nodes that found it due, exactly one gets the token. The due
     * time stays as it is until {@link #sent} confirms the sending, so a claim its node never confirms (stopped,
     * crashed) runs out and the report is taken again.
     */
    Optional<UUID> claim(UUID id, Instant due, Instant now, Instant leaseUntil) {
        UUID token = UUID.randomUUID();
        int claimed = jdbc.sql("""
                update analytics_report_schedules set claimed_until = :until, claim_token = :token
                where tenant_id = :tenantId and id = :id and enabled and next_run_at = :due
                  and (claimed_until is null or claimed_until <= :now)""")
                .param("id", id).param("due", Timestamp.from(due)).param("now", Timestamp.from(now))
                .param("until", Timestamp.from(leaseUntil)).param("token", token).update();
        return claimed == 1 ? Optional.of(token) : Optional.empty();
    }

    /**
     * Confirms the sending under this claim and moves the schedule to its next run. False when the claim was no
     * longer ours (it ran out and another node took the report): then that node's confirmation counts.
     */
    boolean sent(UUID id, UUID token, Instant at, Instant next) {
        return jdbc.sql("""
                update analytics_report_schedules set last_run_at = :at, last_status = 'SENT', last_error = null,
                  next_run_at = :next, claimed_until = null, claim_token = null, attempts = 0
                where tenant_id = :tenantId and id = :id and claim_token = :token""")
                .param("id", id).param("token", token).param("at", Timestamp.from(at))
                .param("next", Timestamp.from(next)).update() == 1;
    }

    /**
     * Records a failed sending under this claim. Below {@code maxAttempts} the period stays due and is retried
     * after {@code retryAt}; the last attempt gives the period up and moves to the next run, so one broken mailbox
     * never blocks a schedule for good.
     */
    void failed(UUID id, UUID token, Instant at, String error, int maxAttempts, Instant retryAt, Instant next) {
        jdbc.sql("""
                update analytics_report_schedules set last_run_at = :at, last_status = 'FAILED', last_error = :error,
                  attempts = case when attempts + 1 >= cast(:max as int) then 0 else attempts + 1 end,
                  next_run_at = case when attempts + 1 >= cast(:max as int) then cast(:next as timestamptz) else next_run_at end,
                  claimed_until = case when attempts + 1 >= cast(:max as int) then null else cast(:retryAt as timestamptz) end,
                  claim_token = null
                where tenant_id = :tenantId and id = :id and claim_token = :token""")
                .param("id", id).param("token", token).param("at", Timestamp.from(at))
                .param("error", error == null ? null : error.length() > 500 ? error.substring(0, 500) : error)
                .param("max", maxAttempts).param("retryAt", Timestamp.from(retryAt)).param("next", Timestamp.from(next))
                .update();
    }

    static ZoneId zone(TenantRef tenant) {
        return tenant.timeZone() == null ? ZoneOffset.UTC : tenant.timeZone();
    }

    private static ReportFormat parseFormat(String value) {
        try {
            return ReportFormat.valueOf(value.strip().toUpperCase());
        } catch (RuntimeException e) {
            throw ApiException.invalidField("format", "pdf or csv");
        }
    }

    private static ReportSchedule schedule(ResultSet rs, int n) throws SQLException {
        Array recipients = rs.getArray("recipients");
        Timestamp last = rs.getTimestamp("last_run_at");
        String status = rs.getString("last_status");
        return new ReportSchedule(rs.getObject("id", UUID.class), ReportSchedule.Type.valueOf(rs.getString("type")),
                ReportFormat.valueOf(rs.getString("format")), rs.getString("locale"),
                Arrays.stream((Object[]) recipients.getArray()).map(Object::toString).toList(), rs.getBoolean("enabled"),
                rs.getTimestamp("next_run_at").toInstant(), last == null ? null : last.toInstant(),
                status == null ? null : ReportSchedule.Status.valueOf(status), rs.getString("last_error"));
    }
}
