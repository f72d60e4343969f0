package de.wattos.character;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Generated agents as the chat and the widget see them. Tenant from {@code TenantContext}. */
public interface Agents {

    /**
     * The agent if it exists for the current tenant, whatever its status; a character try-out (console) answers
     * as an unpublished agent under its own id.
     */
    Optional<AgentProfile> find(UUID agentId);

    /** The tenant's published agents with what each is for (persona, topics, questions), oldest first. */
    List<AgentScope> publishedScopes();
}
