package de.wattos.chat.internal;

import de.wattos.platform.TenantJdbc;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;

/** The conversations of the current tenant. */
@Repository
public class Conversations {

    public record Conversation(UUID id, String title, String channel, String locale, List<UUID> spaceIds,
            String createdBy, int messageCount, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public record Page(List<Conversation> items, int page, int size, long total) {
    }

    private static final String COLUMNS = "id, title, channel, locale, space_ids, created_by, message_count, created_at, updated_at";

    private final TenantJdbc jdbc;

    Conversations(TenantJdbc jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String title, String channel, String locale, List<UUID> spaceIds, String createdBy) {
        jdbc.sql("""
                insert into chat_conversations (id, tenant_id, title, channel, locale, space_ids, created_by)
                values (:id, :tenantId, :title, :channel, :locale, cast(:spaceIds as uuid[]), :createdBy)""")
                .param("id", id).param("title", title).param("channel", channel).param("locale", locale)
                .param("spaceIds", arrayLiteral(spaceIds)).param("createdBy", createdBy)
                .update();
    }

    Optional<Conversation> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from chat_conversations where tenant_id = :tenantId and id = :id")
                .param("id", id).query(Conversations::map).optional();
    }

    boolean exists(UUID id) {
        return jdbc.sql("select count(*) from chat_conversations where tenant_id = :tenantId and id = :id")
                .param("id", id).query(Long.class).single() > 0;
    }

    Page list(int page, int size, String channel) {
        String where = "where tenant_id = :tenantId" + (channel == null ? "" : " and channel = :channel");
        var items = jdbc.sql("select " + COLUMNS + " from chat_conversations " + where
                        + " order by updated_at desc, id desc limit :limit offset :offset")
                .param("limit", size).param("offset", (long) page * size);
        var count = jdbc.sql("select count(*) from chat_conversations " + where);
        if (channel != null) {
            items = items.param("channel", channel);
            count = count.param("channel", channel);
        }
        return new Page(items.query(Conversations::map).list(), page, size, count.query(Long.class).single());
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from chat_conversations where tenant_id = :tenantId and id = :id").param("id", id).update() > 0;
    }

    static String arrayLiteral(List<UUID> ids) {
        return TenantJdbc.uuidArray(ids);
    }

    static List<UUID> uuids(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object raw = array.getArray();
        if (raw instanceof UUID[] u) {
            return List.of(u);
        }
        return Arrays.stream((Object[]) raw).map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString())).toList();
    }

    private static Conversation map(ResultSet rs, int row) throws SQLException {
        return new Conversation(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("channel"),
                rs.getString("locale"), uuids(rs.getArray("space_ids")), rs.getString("created_by"),
                rs.getInt("message_count"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
