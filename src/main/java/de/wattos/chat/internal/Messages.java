package de.wattos.chat.internal;

import de.wattos.chat.Chat;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The messages of the current tenant's conversations. */
@Repository
public class Messages {

    /** A stored message. */
    public record Message(UUID id, UUID conversationId, String role, String content, List<Chat.Citation> citations,
            boolean noAnswer, String provider, String model, int inputTokens, int outputTokens, Long latencyMs,
            Long timeToFirstTokenMs, String finishReason, MessageStatus status, String searchQuery, OffsetDateTime createdAt,
            String author) {
    }

    record MessageRef(UUID id, UUID conversationId, String role, MessageStatus status) {
    }

    record Outcome(String content, List<Chat.Citation> citations, boolean noAnswer, String provider, String model,
            int inputTokens, int outputTokens, long latencyMs, Long timeToFirstTokenMs, String finishReason,
            MessageStatus status) {
    }

    private static final TypeReference<List<Chat.Citation>> CITATIONS = new TypeReference<>() {
    };

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    Messages(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores the question and an empty answer in status {@code streaming} in one round trip, and touches the
     * conversation (message count, last activity, title from the first question if it has none). Both times come
     * from the one statement: PostgreSQL may run the two inserts in either order, so two clock readings could put
     * the answer before its question on a busy machine.
     */
    void insertTurn(UUID conversationId, UUID questionId, String question, UUID answerId, String searchQuery,
            String titleIfMissing) {
        jdbc.sql("""
                with q as (
                  insert into chat_messages (id, tenant_id, conversation_id, role, content, created_at)
                  values (:questionId, :tenantId, :conversationId, 'user', :question, statement_timestamp())),
                a as (
                  insert into chat_messages (id, tenant_id, conversation_id, role, status, search_query, created_at)
                  values (:answerId, :tenantId, :conversationId, 'assistant', :streaming, :searchQuery,
                          statement_timestamp() + interval '1 millisecond'))
                update chat_conversations set message_count = message_count + 2, updated_at = now(),
                       title = coalesce(title, :title)
                where tenant_id = :tenantId and id = :conversationId""")
                .param("conversationId", conversationId).param("questionId", questionId).param("question", question)
                .param("answerId", answerId).param("streaming", MessageStatus.STREAMING.wire())
                .param("searchQuery", searchQuery).param("title", titleIfMissing)
                .update();
    }

    /**
     * Stores a message that is no answer to a question of this turn: the citizen writing to a person, a person's
     * reply, or an answer that arrives later (a run resumed after an approval).
     */
    void insertPosted(UUID conversationId, UUID id, String role, String author, String content, List<Chat.Citation> citations,
            String titleIfMissing) {
        jdbc.sql("""
                with m as (
                  insert into chat_messages (id, tenant_id, conversation_id, role, author, content, citations, status, created_at)
                  values (:id, :tenantId, :conversationId, :role, :author, :content, cast(:citations as jsonb), :complete,
                          statement_timestamp()))
                update chat_conversations set message_count = message_count + 1, updated_at = now(),
                       title = coalesce(title, :title)
                where tenant_id = :tenantId and id = :conversationId""")
                .param("conversationId", conversationId).param("id", id).param("role", role).param("author", author)
                .param("content", content).param("citations", json.writeValueAsString(citations))
                .param("complete", MessageStatus.COMPLETE.wire()).param("title", titleIfMissing).update();
    }

    void setAuthor(UUID id, String author) {
        jdbc.sql("update chat_messages set author = :author where tenant_id = :tenantId and id = :id")
                .param("author", author).param("id", id).update();
    }

    void setSearchQuery(UUID answerId, String searchQuery) {
        jdbc.sql("update chat_messages set search_query = :q where tenant_id = :tenantId and id = :id")
                .param("q", searchQuery).param("id", answerId).update();
    }

    void finish(UUID answerId, Outcome o) {
        jdbc.sql("""
                update chat_messages set content = :content, citations = cast(:citations as jsonb), no_answer = :noAnswer,
                       provider = :provider, model = :model, input_tokens = :inputTokens, output_tokens = :outputTokens,
                       latency_ms = :latencyMs, ttft_ms = :ttft, finish_reason = :finishReason, status = :status
                where tenant_id = :tenantId and id = :id""")
                .param("content", o.content()).param("citations", json.writeValueAsString(o.citations()))
                .param("noAnswer", o.noAnswer()).param("provider", o.provider()).param("model", o.model())
                .param("inputTokens", o.inputTokens()).param("outputTokens", o.outputTokens())
                .param("latencyMs", o.latencyMs()).param("ttft", o.timeToFirstTokenMs())
                .param("finishReason", o.finishReason()).param("status", o.status().wire()).param("id", answerId)
                .update();
    }

    /** The last {@code limit} finished messages with content, oldest first. */
    List<Turn> recentTurns(UUID conversationId, int limit) {
        List<Turn> newestFirst = jdbc.sql("""
                select role, content from chat_messages
                where tenant_id = :tenantId and conversation_id = :conversationId and status <> :streaming and content <> ''
                order by created_at desc, id desc limit :limit""")
                .param("conversationId", conversationId).param("streaming", MessageStatus.STREAMING.wire()).param("limit", limit)
                .query((rs, i) -> new Turn("user".equals(rs.getString("role")), rs.getString("content"))).list();
        return newestFirst.reversed();
    }

    List<Message> ofConversation(UUID conversationId) {
        return jdbc.sql("""
                select * from chat_messages where tenant_id = :tenantId and conversation_id = :conversationId
                order by created_at, id""")
                .param("conversationId", conversationId).query(this::map).list();
    }

    Optional<Message> find(UUID id) {
        return jdbc.sql("select * from chat_messages where tenant_id = :tenantId and id = :id")
                .param("id", id).query(this::map).optional();
    }

    Optional<MessageRef> findRef(UUID id) {
        return jdbc.sql("select id, conversation_id, role, status from chat_messages where tenant_id = :tenantId and id = :id")
                .param("id", id)
                .query((rs, i) -> new MessageRef(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
                        rs.getString("role"), MessageStatus.of(rs.getString("status"))))
                .optional();
    }

    private Message map(ResultSet rs, int row) throws SQLException {
        String citations = rs.getString("citations");
        long latency = rs.getLong("latency_ms");
        Long latencyMs = rs.wasNull() ? null : latency;
        long ttft = rs.getLong("ttft_ms");
        Long ttftMs = rs.wasNull() ? null : ttft;
        return new Message(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
                rs.getString("role"), rs.getString("content"),
                citations == null ? List.of() : json.readValue(citations, CITATIONS), rs.getBoolean("no_answer"),
                rs.getString("provider"), rs.getString("model"), rs.getInt("input_tokens"), rs.getInt("output_tokens"),
                latencyMs, ttftMs, rs.getString("finish_reason"), MessageStatus.of(rs.getString("status")), rs.getString("search_query"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getString("author"));
    }
}
