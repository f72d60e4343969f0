package de.wattos.platform;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What this instance does ({@code wattos.roles}, env {@code WATTOS_ROLES}, default {@code api,worker}): an
 * {@code api} node serves the REST API, the console and the widget; a {@code worker} node runs the background work
 * (crawls, ingestion, schedules, the sync outbox, retries of event deliveries, retention). Several instances on one
 * database and Redis can split the roles, so crawling and ingestion do not slow chat traffic down. Every node keeps
 * its own search index, whatever its roles.
 *
 * @param roles at least one of {@code api}, {@code worker}
 */
@ConfigurationProperties("wattos")
public record NodeRoles(@DefaultValue({"api", "worker"}) Set<Role> roles) {

    /** One role of a node. */
    public enum Role { API, WORKER }

    public NodeRoles {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("wattos.roles (WATTOS_ROLES) needs at least one of: api, worker");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
    }

    /** Both roles: the embedded default, and what tests run with. */
    public static NodeRoles all() {
        return new NodeRoles(EnumSet.allOf(Role.class));
    }

    public boolean servesApi() {
        return roles.contains(Role.API);
    }

    public boolean runsBackgroundWork() {
        return roles.contains(Role.WORKER);
    }

    @Override
    public String toString() {
        return String.join(",", roles.stream().sorted().map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }
}
