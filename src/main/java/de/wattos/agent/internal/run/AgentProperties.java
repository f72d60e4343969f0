package de.wattos.agent.internal.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code wattos.agent.*}: per-step deadline of model and tool calls, and how long an approval may wait. */
@ConfigurationProperties("wattos.agent")
public record AgentProperties(@DefaultValue("30s") Duration stepTimeout, @DefaultValue("24h") Duration approvalTimeout) {
}
