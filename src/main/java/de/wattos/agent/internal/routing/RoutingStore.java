package de.wattos.agent.internal.routing;

import de.wattos.platform.TenantJdbc;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The tenant's routing setting and the agent each routed conversation is with now. */
@Repository
class RoutingStore {

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    RoutingStore(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    RoutingSettings settings() {
        return jdbc.sql("select data from agent_routing where tenant_id = :tenantId").query(String.class).optional()
                .map(s -> json.readValue(s, RoutingSettings.class)).orElse(RoutingSettings.off());
    }

    RoutingSettings put(RoutingSettings settings) {
        jdbc.sql("""
                insert into agent_routing (tenant_id, data) values (:tenantId, cast(:data as jsonb))
                on conflict (tenant_id) do update set data = excluded.data, updated_at = now()""")
                .param("data", json.writeValueAsString(settings)).update();
        return settings;
    }

    Optional<UUID> currentAgent(UUID conversationId) {
        return jdbc.sql("select agent_id from agent_conversation_routes where tenant_id = :tenantId and conversation_id = :c")
                .param("c", conversationId).query(UUID.class).optional();
    }

    void route(UUID conversationId, UUID agentId, String method) {
        jdbc.sql("""
                insert into agent_conversation_routes (conversation_id, tenant_id, agent_id, method)
                values (:c, :tenantId, :a, :m)
                on conflict (conversation_id) do update set agent_id = excluded.agent_id, method = excluded.method,
                routed_at = now() where agent_conversation_routes.tenant_id = :tenantId""")
                .param("c", conversationId).param("a", agentId).param("m", method).update();
    }
}
