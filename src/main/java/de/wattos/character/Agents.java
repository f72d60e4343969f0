package de.wattos.character;

import java.util.Optional;
import java.util.UUID;

/** Generated agents as the chat and the widget see them. Tenant from {@code TenantContext}. */
public interface Agents {

    /** The agent if it exists for the current tenant, whatever its status. */
    Optional<AgentProfile> find(UUID agentId);
}
