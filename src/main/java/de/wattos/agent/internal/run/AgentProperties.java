package de.wattos.agent.internal.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code wattos.agent.*}: per-step deadline of model and tool calls, and how long an approval may wait. */
@ConfigurationProperties("wattos.agent")
public record AgentProperties(Duration stepTimeout, Duration approvalTimeout) {

    public AgentProperties {
        stepTimeout = stepTimeout == null ? Duration.ofSeconds(30) : stepTimeout;
        approvalTimeout = approvalTimeout == null ? Duration.ofHours(24) : approvalTimeout;
    }
}
