package de.wattos.agent.internal.routing;

import de.wattos.platform.TenantJdbc;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The tenant's routing setting, the agent each routed conversation is with now, and the recent decisions. */
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

    /** Keeps a decision of a routed conversation (the question already masked and shortened); older than 90 days go. */
    void record(UUID conversationId, String question, AgentRouter.Decision d, String fromAgentName) {
        jdbc.sql("""
                insert into agent_routing_decisions (tenant_id, conversation_id, question, agent_id, agent_name, from_agent_id,
                from_agent_name, switched, method, score) values (:tenantId, :c, :q, :a, :an, :f, :fn, :s, :m, :score)""")
                .param("c", conversationId).param("q", question).param("a", d.agentId()).param("an", d.agentName())
                .param("f", d.previousAgentId()).param("fn", fromAgentName).param("s", d.switched()).param("m", d.method())
                .param("score", d.score()).update();
        jdbc.sql("delete from agent_routing_decisions where tenant_id = :tenantId and decided_at < now() - interval '90 days'")
                .update();
    }

    List<RoutingDecision> decisions(int offset, int limit) {
        return jdbc.sql("""
                select conversation_id, question, agent_id, agent_name, from_agent_id, from_agent_name, switched, method, score,
                decided_at from agent_routing_decisions where tenant_id = :tenantId order by decided_at desc, id desc
                offset :o limit :l""").param("o", offset).param("l", limit)
                .query((rs, i) -> new RoutingDecision(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), rs.getBoolean(7), rs.getString(8),
                        rs.getDouble(9), rs.getTimestamp(10).toInstant())).list();
    }

    long countDecisions() {
        return jdbc.sql("select count(*) from agent_routing_decisions where tenant_id = :tenantId").query(Long.class).single();
    }
}
