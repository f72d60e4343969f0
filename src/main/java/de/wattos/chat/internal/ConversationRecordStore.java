package de.wattos.chat.internal;

import de.wattos.chat.Chat;
import de.wattos.chat.ConversationRecords;
import de.wattos.chat.ConversationsErased;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantJdbc;
import de.wattos.platform.events.DomainEvents;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Chat's conversations read and erased as records (see {@link ConversationRecords}). */
@Service
class ConversationRecordStore implements ConversationRecords {

    private static final TypeReference<List<Chat.Citation>> CITATIONS = new TypeReference<>() {
    };

    private final TenantJdbc jdbc;
    private final JsonMapper json;
    private final TransactionOperations tx;
    private final DomainEvents bus;

    ConversationRecordStore(TenantJdbc jdbc, JsonMapper json, TransactionOperations tx, DomainEvents bus) {
        this.jdbc = jdbc;
        this.json = json;
        this.tx = tx;
        this.bus = bus;
    }

    @Override
    public Optional<Transcript> transcript(UUID conversationId) {
        return transcripts(List.of(conversationId)).stream().findFirst();
    }

    @Override
    public List<Transcript> transcripts(List<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return List.of();
        }
        String ids = Conversations.arrayLiteral(conversationIds);
        Map<UUID, Transcript> byId = new LinkedHashMap<>();
        jdbc.sql("""
                select c.id, c.title, c.channel, c.locale, c.created_at, c.updated_at, a.agent_id
                from chat_conversations c left join chat_conversation_agents a on a.conversation_id = c.id
                where c.tenant_id = :tenantId and c.id = any(cast(:ids as uuid[]))""")
                .param("ids", ids)
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    byId.put(id, new Transcript(id, rs.getString("title"), rs.getString("channel"),
                            rs.getString("locale"), rs.getObject("agent_id", UUID.class), instant(rs, "created_at"),
                            instant(rs, "updated_at"), new ArrayList<>()));
                });
        Map<UUID, List<Feedback>> feedback = new LinkedHashMap<>();
        jdbc.sql("""
                select f.message_id, f.rating, f.comment, f.solved, f.created_at from chat_feedback f
                join chat_messages m on m.id = f.message_id
                where f.tenant_id = :tenantId and m.conversation_id = any(cast(:ids as uuid[]))
                order by f.created_at, f.id""")
                .param("ids", ids)
                .query(rs -> {
                    feedback.computeIfAbsent(rs.getObject("message_id", UUID.class), k -> new ArrayList<>())
                            .add(new Feedback(rs.getString("rating"), rs.getString("comment"),
                                    (Boolean) rs.getObject("solved"), instant(rs, "created_at")));
                });
        jdbc.sql("""
                select id, conversation_id, role, content, created_at, no_answer, status, model, latency_ms, citations
                from chat_messages where tenant_id = :tenantId and conversation_id = any(cast(:ids as uuid[]))
                order by conversation_id, created_at, id""")
                .param("ids", ids)
                .query(rs -> {
                    Transcript t = byId.get(rs.getObject("conversation_id", UUID.class));
                    if (t == null) {
                        return;
                    }
                    UUID id = rs.getObject("id", UUID.class);
                    long latency = rs.getLong("latency_ms");
                    Long latencyMs = rs.wasNull() ? null : latency;
                    t.messages().add(new Entry(id, rs.getString("role"), rs.getString("content"),
                            instant(rs, "created_at"), rs.getBoolean("no_answer"), rs.getString("status"),
                            rs.getString("model"), latencyMs, sources(rs.getString("citations")),
                            List.copyOf(feedback.getOrDefault(id, List.of()))));
                });
        List<Transcript> ordered = new ArrayList<>();
        for (UUID id : conversationIds) {
            Transcript t = byId.get(id);
            if (t != null) {
                ordered.add(new Transcript(t.conversationId(), t.title(), t.channel(), t.locale(), t.agentId(),
                        t.startedAt(), t.lastActivityAt(), questionsFirst(t.messages())));
            }
        }
        return ordered;
    }

    @Override
    public List<UUID> inactiveSince(Instant cutoff, int limit) {
        return jdbc.sql("""
                select id from chat_conversations where tenant_id = :tenantId and updated_at < :cutoff
                order by updated_at, id limit :limit""")
                .param("cutoff", Timestamp.from(cutoff)).param("limit", limit)
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    @Override
    public Set<UUID> erase(Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Set.of();
        }
        String ids = Conversations.arrayLiteral(List.copyOf(conversationIds));
        Set<UUID> erased = tx.execute(status -> {
            // the event records hold the questions and the visitor id: they go with the conversation
            jdbc.sql("delete from chat_events where tenant_id = :tenantId and conversation_id = any(cast(:ids as uuid[]))")
                    .param("ids", ids).update();
            Set<UUID> gone = Set.copyOf(jdbc.sql("delete from chat_conversations where tenant_id = :tenantId and id = any(cast(:ids as uuid[])) returning id")
                    .param("ids", ids).query((rs, n) -> rs.getObject(1, UUID.class)).list());
            // every id asked for, also those chat no longer had: other modules may still keep records of them
            bus.publish(new ConversationsErased(TenantContext.currentId(), List.copyOf(new LinkedHashSet<>(conversationIds)),
                    Instant.now()));
            return gone;
        });
        return erased == null ? Set.of() : erased;
    }

    /**
     * Messages are stored in (question, answer) pairs whose two timestamps come from one statement; on a loaded
     * database the answer's may come out first (seen in tests). The next pair is only stored after the answer
     * finished, so ordering within each pair restores the true order.
     */
    static List<Entry> questionsFirst(List<Entry> byTime) {
        List<Entry> ordered = new ArrayList<>(byTime);
        for (int i = 0; i + 1 < ordered.size(); i += 2) {
            if ("assistant".equals(ordered.get(i).role()) && "user".equals(ordered.get(i + 1).role())) {
                Entry answer = ordered.get(i);
                ordered.set(i, ordered.get(i + 1));
                ordered.set(i + 1, answer);
            }
        }
        return List.copyOf(ordered);
    }

    private List<Source> sources(String citations) {
        if (citations == null) {
            return List.of();
        }
        return json.readValue(citations, CITATIONS).stream().map(c -> new Source(c.n(), c.title(), c.url(), c.curated(), c.origin())).toList();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
