package de.wattos.chat.internal;

import de.wattos.platform.TenantJdbc;
import java.util.UUID;
import org.springframework.stereotype.Repository;

/** Ratings of assistant answers. */
@Repository
class Feedbacks {

    private final TenantJdbc jdbc;

    Feedbacks(TenantJdbc jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID messageId, String rating, String comment, Boolean solved, String createdBy) {
        jdbc.sql("""
                insert into chat_feedback (id, tenant_id, message_id, rating, comment, solved, created_by)
                values (:id, :tenantId, :messageId, :rating, :comment, :solved, :createdBy)""")
                .param("id", id).param("messageId", messageId).param("rating", rating).param("comment", comment)
                .param("solved", solved).param("createdBy", createdBy).update();
    }
}
