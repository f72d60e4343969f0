package de.wattos.agent.internal.routing;

import java.util.List;
import java.util.UUID;

/**
 * Whether conversations of the tenant are routed between agents, and between which published agents (empty: all of
 * them). Routing starts from the agent a conversation is bound to (the widget's or the console's), when it takes part.
 */
public record RoutingSettings(boolean enabled, List<UUID> agentIds) {

    public RoutingSettings {
        // not List.copyOf: a null in the body must reach validation as a 400, not fail in binding
        agentIds = agentIds == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(agentIds));
    }

    static RoutingSettings off() {
        return new RoutingSettings(false, List.of());
    }
}
