package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.platform.Role;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.support.TestApi;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The agents and kb-sync dashboard widgets' figures come from the bus: agent runs, tool approvals and handoffs as the
 * agent module announces them, sync deliveries as kb announces them ({@code knowledge.kb.sync.delivered|failed}).
 * A redelivered event counts once; unrelated topics of the same domains count nothing.
 */
class AnalyticsActivityTest extends AnalyticsTenantTest {

    private DomainEvent event(EventDomain domain, String type) {
        return DomainEvent.of(tenant.id(), domain, type, DomainEvent.Subject.of("test", UUID.randomUUID()),
                Map.of("agentId", UUID.randomUUID().toString()));
    }

    private void publish(EventDomain domain, String type, int times) {
        for (int i = 0; i < times; i++) {
            traffic.publish(event(domain, type));
        }
    }

    @Test
    void agentRunsApprovalsHandoffsAndKbSyncDeliveriesAreCountedOnce() {
        JsonNode before = api.get("/api/v1/tenants/" + tenant.slug() + "/analytics", viewer).json();
        assertThat(before.get("kpis").get("kbSyncRate").get("noData").asString()).isNotBlank();

        publish(EventDomain.INTENT, "recognised", 3);
        publish(EventDomain.TOOL, "approval.requested", 2);
        publish(EventDomain.TOOL, "approval.granted", 1);
        publish(EventDomain.TOOL, "approval.denied", 1);
        publish(EventDomain.CHANNEL, "handoff.requested", 2);
        publish(EventDomain.CHANNEL, "handoff.accepted", 1);
        publish(EventDomain.CHANNEL, "handoff.ended", 1);
        publish(EventDomain.CHANNEL, "handoff.message", 2); // not a figure
        publish(EventDomain.TOOL, "called", 2); // not a figure
        DomainEvent delivered = event(EventDomain.KNOWLEDGE, "kb.sync.delivered");
        traffic.publish(delivered);
        traffic.publish(delivered); // redelivered: counts once
        publish(EventDomain.KNOWLEDGE, "kb.sync.delivered", 2);
        publish(EventDomain.KNOWLEDGE, "kb.sync.failed", 1);
        publish(EventDomain.KNOWLEDGE, "kb.sync_target.tested", 1); // not a delivery

        TestApi.Response r = api.get("/api/v1/tenants/" + tenant.slug() + "/analytics", viewer);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode a = r.json().get("activity");
        assertThat(a.get("agentRuns").asLong()).isEqualTo(3);
        assertThat(a.get("approvalsRequested").asLong()).isEqualTo(2);
        assertThat(a.get("approvalsGranted").asLong()).isEqualTo(1);
        assertThat(a.get("approvalsDenied").asLong()).isEqualTo(1);
        assertThat(a.get("handoffsRequested").asLong()).isEqualTo(2);
        assertThat(a.get("handoffsAccepted").asLong()).isEqualTo(1);
        assertThat(a.get("handoffsEnded").asLong()).isEqualTo(1);
        assertThat(a.get("kbSyncDelivered").asLong()).isEqualTo(3);
        assertThat(a.get("kbSyncFailed").asLong()).isEqualTo(1);
        JsonNode k = r.json().get("kpis");
        assertThat(k.get("kbSyncRate").get("value").asDouble()).isEqualTo(0.75);
        assertThat(k.get("kbSyncRate").get("previous").isNull()).as("no deliveries the period before").isTrue();
        assertThat(k.get("agentRuns").get("value").asLong()).isEqualTo(3);

        // another tenant sees none of it
        TestApi.Tenant other = api.createTenant();
        JsonNode others = api.get("/api/v1/tenants/" + other.slug() + "/analytics",
                api.userToken(other.slug(), Role.VIEWER)).json();
        assertThat(others.get("activity").get("agentRuns").asLong()).isZero();
    }
}
