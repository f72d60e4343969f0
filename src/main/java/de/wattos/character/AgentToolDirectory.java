package de.wattos.character;

import java.util.List;
import java.util.Optional;

/**
 * The tools an agent of the current tenant can name, as the agent module's registry knows them. Declared here and
 * implemented by the agent module, so generation and validation read the real registry without the character module
 * depending on the agent module (which depends on this one). Tenant from {@code TenantContext}.
 */
public interface AgentToolDirectory {

    /**
     * One tool an agent can name. {@code tenantDefined} tools are the tenant's own configured integrations (outside
     * APIs); the others are the platform's built-ins.
     */
    record AvailableTool(String name, String description, boolean tenantDefined) {
    }

    /** Every tool the current tenant can give an agent: the built-ins and its own. */
    List<AvailableTool> available();

    default Optional<AvailableTool> find(String name) {
        return available().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
