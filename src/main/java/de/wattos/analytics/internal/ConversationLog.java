package de.wattos.analytics.internal;

import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tenant's conversations as analytics saw them (its own per-conversation rows and event log): listed,
 * filtered and searched without reading chat's tables. Transcripts come from chat's public API.
 */
@Repository
public class ConversationLog {

    /** One conversation in the log; {@code firstQuestion} unmasked (the caller masks by role). */
    public record Summary(UUID conversationId, Instant startedAt, String channel, UUID widgetId, UUID agentId,
            boolean returningVisitor, int answers, int noAnswers, int thumbsUp, int thumbsDown, String firstQuestion) {
    }

    public record Page(List<Summary> items, int page, int size, long total) {
    }

    private static final String SUMMARY = """
            select c.conversation_id, c.started_at, c.channel, c.widget_id, c.agent_id, c.returning_visitor, c.answers,
              c.no_answers,
              (select count(*) from analytics_events e where e.tenant_id = c.tenant_id and e.conversation_id = c.conversation_id
                 and e.type = 'chat.FeedbackGiven' and e.payload ->> 'rating' = 'up') as thumbs_up,
              (select count(*) from analytics_events e where e.tenant_id = c.tenant_id and e.conversation_id = c.conversation_id
                 and e.type = 'chat.FeedbackGiven' and e.payload ->> 'rating' = 'down') as thumbs_down,
              (select e.payload ->> 'question' from analytics_events e where e.tenant_id = c.tenant_id
                 and e.conversation_id = c.conversation_id and e.type = 'chat.MessageAnswered'
                 order by e.occurred_at, e.id limit 1) as first_question
            from analytics_conversations c
            """;

    private final TenantJdbc jdbc;

    ConversationLog(TenantJdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Page list(LogFilter filter, int page, int size) {
        Where where = where(filter);
        var items = jdbc.sql(SUMMARY + where.sql + " order by c.started_at desc, c.conversation_id desc limit :limit offset :offset")
                .param("limit", size).param("offset", (long) page * size);
        var count = jdbc.sql("select count(*) from analytics_conversations c " + where.sql);
        return new Page(where.bind(items).query(ConversationLog::map).list(), page, size,
                where.bind(count).query(Long.class).single());
    }

    public Optional<Summary> find(UUID conversationId) {
        return jdbc.sql(SUMMARY + " where c.tenant_id = :tenantId and c.conversation_id = :id")
                .param("id", conversationId).query(ConversationLog::map).optional();
    }

    /** The next {@code limit} conversations after the given position, oldest first (keyset paging for exports). */
    public List<Summary> after(LogFilter filter, Instant afterStart, UUID afterId, int limit) {
        Where where = where(filter);
        String keyset = afterStart == null ? ""
                : " and (c.started_at, c.conversation_id) > (:afterStart, :afterId)";
        var spec = jdbc.sql(SUMMARY + where.sql + keyset + " order by c.started_at, c.conversation_id limit :limit")
                .param("limit", limit);
        if (afterStart != null) {
            spec = spec.param("afterStart", Timestamp.from(afterStart)).param("afterId", afterId);
        }
        return where.bind(spec).query(ConversationLog::map).list();
    }

    /** The pseudonymous visitor of a conversation; empty when it has none (not from a widget) or is unknown. */
    public Optional<String> visitorOf(UUID conversationId) {
        return jdbc.sql("select visitor from analytics_conversations where tenant_id = :tenantId and conversation_id = :id"
                + " and visitor is not null").param("id", conversationId).query(String.class).optional();
    }

    /** Conversation ids of one pseudonymous visitor. */
    public List<UUID> ofVisitor(String pseudonym) {
        return jdbc.sql("select conversation_id from analytics_conversations where tenant_id = :tenantId and visitor = :v")
                .param("v", pseudonym).query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    /** Up to {@code limit} conversations started before the cutoff (rows chat may no longer have). */
    public List<UUID> startedBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                select conversation_id from analytics_conversations where tenant_id = :tenantId and started_at < :cutoff
                order by started_at, conversation_id limit :limit""")
                .param("cutoff", Timestamp.from(cutoff)).param("limit", limit)
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    private record Where(String sql, LogFilter f) {
        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
            var s = spec;
            if (f.from() != null) {
                s = s.param("from", Timestamp.from(f.from()));
            }
            if (f.to() != null) {
                s = s.param("to", Timestamp.from(f.to()));
            }
            if (f.widgetId() != null) {
                s = s.param("widgetId", f.widgetId());
            }
            if (f.agentId() != null) {
                s = s.param("agentId", f.agentId());
            }
            if (f.channel() != null) {
                s = s.param("channel", f.channel());
            }
            if (f.feedback() == LogFilter.Feedback.UP || f.feedback() == LogFilter.Feedback.DOWN) {
                s = s.param("rating", f.feedback().name().toLowerCase());
            }
            if (f.text() != null) {
                s = s.param("text", "%" + f.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            return s;
        }
    }

    private static Where where(LogFilter f) {
        StringBuilder sql = new StringBuilder(" where c.tenant_id = :tenantId");
        if (f.from() != null) {
            sql.append(" and c.started_at >= :from");
        }
        if (f.to() != null) {
            sql.append(" and c.started_at < :to");
        }
        if (f.widgetId() != null) {
            sql.append(" and c.widget_id = :widgetId");
        }
        if (f.agentId() != null) {
            sql.append(" and c.agent_id = :agentId");
        }
        if (f.channel() != null) {
            sql.append(" and c.channel = :channel");
        }
        if (f.noAnswer() != null) {
            sql.append(f.noAnswer() ? " and c.no_answers > 0" : " and c.no_answers = 0");
        }
        String feedbackEvents = "select 1 from analytics_events e where e.tenant_id = c.tenant_id"
                + " and e.conversation_id = c.conversation_id and e.type = 'chat.FeedbackGiven'";
        if (f.feedback() == LogFilter.Feedback.NONE) {
            sql.append(" and not exists (").append(feedbackEvents).append(")");
        } else if (f.feedback() != null) {
            sql.append(" and exists (").append(feedbackEvents).append(" and e.payload ->> 'rating' = :rating)");
        }
        if (f.text() != null) {
            sql.append(" and exists (select 1 from analytics_events e where e.tenant_id = c.tenant_id")
                    .append(" and e.conversation_id = c.conversation_id and e.type = 'chat.MessageAnswered'")
                    .append(" and e.payload ->> 'question' ilike :text)");
        }
        return new Where(sql.toString(), f);
    }

    private static Summary map(ResultSet rs, int row) throws SQLException {
        return new Summary(rs.getObject("conversation_id", UUID.class),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(), rs.getString("channel"),
                rs.getObject("widget_id", UUID.class), rs.getObject("agent_id", UUID.class),
                rs.getBoolean("returning_visitor"), rs.getInt("answers"), rs.getInt("no_answers"),
                rs.getInt("thumbs_up"), rs.getInt("thumbs_down"), rs.getString("first_question"));
    }
}
