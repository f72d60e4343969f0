package de.wattos.agent.internal.policy;

import de.wattos.platform.TenantJdbc;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Stored per-agent policies; an agent without one runs under {@link AgentPolicy#defaults()}. */
@Repository
public class AgentPolicies {

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    AgentPolicies(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<AgentPolicy> find(UUID agentId) {
        return jdbc.sql("select data from agent_policies where tenant_id = :tenantId and agent_id = :agentId")
                .param("agentId", agentId).query(String.class).optional().map(s -> json.readValue(s, AgentPolicy.class));
    }

    /** The agent's own policy, else the tenant's default policy, else {@link AgentPolicy#defaults()}. */
    public AgentPolicy effective(UUID agentId) {
        Optional<AgentPolicy> own = agentId == null ? Optional.empty() : find(agentId);
        return own.or(() -> find(jdbc.tenantId())).orElse(AgentPolicy.defaults());
    }

    /** The tenant's default policy is stored under the tenant's id (agent ids never collide with it). */
    public AgentPolicy putTenantDefault(AgentPolicy policy) {
        return put(jdbc.tenantId(), policy);
    }

    public AgentPolicy tenantDefault() {
        return find(jdbc.tenantId()).orElse(AgentPolicy.defaults());
    }

    public AgentPolicy put(UUID agentId, AgentPolicy policy) {
        jdbc.sql("""
                insert into agent_policies (agent_id, tenant_id, data) values (:agentId, :tenantId, cast(:data as jsonb))
                on conflict (agent_id) do update set data = excluded.data, updated_at = now()
                where agent_policies.tenant_id = :tenantId""")
                .param("agentId", agentId).param("data", json.writeValueAsString(policy)).update();
        return policy;
    }
}
