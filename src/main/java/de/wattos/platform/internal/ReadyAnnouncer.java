package de.wattos.platform.internal;

import de.wattos.platform.NodeRoles;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Logs the one line operators and scripts wait for. */
@Component
class ReadyAnnouncer {

    private static final Logger log = LoggerFactory.getLogger("de.wattos");

    private final NodeRoles roles;

    ReadyAnnouncer(NodeRoles roles) {
        this.roles = roles;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            if (!roles.servesApi() || !roles.runsBackgroundWork()) {
                log.info("Node roles: {} ({})", roles, roles.servesApi() ? "no background work on this node"
                        : "no API on this node, only /actuator");
            }
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            log.info("WattOS ready at http://localhost:{} (in {} ms)", web.getWebServer().getPort(), uptime);
        }
    }
}
