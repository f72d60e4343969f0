package de.wattos.analytics;

import static de.wattos.analytics.AnalyticsTraffic.at;
import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.support.TestApi;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The rates built from other modules' announcements: handoffs (the agent module's {@code channel.handoff.requested}
 * envelope) give the handoff and self-service rates with reasons; answers of a priced model give the cost per model
 * at the configured prices; all of it per tenant and rebuilt identically from analytics' own event log.
 */
@IntegrationTest
class AnalyticsRatesTest {

    private static final String DAY = "2026-11-12";
    private static final String BEFORE = "2026-11-11";

    @LocalServerPort
    int port;
    @Autowired
    DomainEvents bus;
    @Autowired
    JdbcClient jdbc;

    private static DomainEvent handoff(UUID tenant, UUID conversation, String reason) {
        return DomainEvent.of(tenant, EventDomain.CHANNEL, "handoff.requested", DomainEvent.Subject.of("agent_run", UUID.randomUUID()),
                Map.of("conversationId", conversation.toString(), "reason", reason, "outcome", "queued"));
    }

    @Test
    void handoffSelfServiceAndCostPerModelAreCountedPerTenantAndSurviveARebuild() {
        TestApi api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        TestApi.Tenant other = api.createTenant();
        AnalyticsTraffic traffic = new AnalyticsTraffic(bus, jdbc, tenant.id());

        // the day before: two conversations, one handed over
        UUID p1 = traffic.conversation(at(BEFORE, "09:00:00"), "widget", null, "v_a");
        traffic.conversation(at(BEFORE, "10:00:00"), "widget", null, "v_b");
        traffic.publish(handoff(tenant.id(), p1, "wants_person"));
        // the day: four conversations, one handed over twice (counted once), one for another reason
        UUID c1 = traffic.conversation(at(DAY, "08:00:00"), "widget", null, "v_c");
        UUID c2 = traffic.conversation(at(DAY, "09:00:00"), "widget", null, "v_d");
        UUID c3 = traffic.conversation(at(DAY, "10:00:00"), "widget", null, "v_e");
        traffic.conversation(at(DAY, "11:00:00"), "widget", null, "v_f");
        traffic.publish(handoff(tenant.id(), c1, "wants_person"));
        traffic.publish(handoff(tenant.id(), c1, "wants_person"));
        traffic.publish(handoff(tenant.id(), c2, "outside_topic"));
        // 2,000 input and 1,000 output tokens of the priced model: 2 × 0.5 + 1 × 1.5 = 2.50 EUR
        traffic.answer(c3, at(DAY, "10:00:05"), "Was kostet ein Anwohnerparkausweis?", false, "stop", 900, 200L, "openai",
                "analytics-priced-model", 2_000, 1_000, List.of());
        traffic.answer(c3, at(DAY, "10:01:00"), "Und wo beantrage ich ihn?", false, "stop", 900, 200L, 100, List.of());
        // another tenant's handoff of a conversation id it does not own changes nothing here
        new AnalyticsTraffic(bus, jdbc, other.id()).publish(handoff(other.id(), c3, "wants_person"));

        String viewer = api.userToken(tenant.slug(), Role.VIEWER);
        String url = "/api/v1/tenants/" + tenant.slug() + "/analytics?from=" + DAY + "&to=" + DAY;
        JsonNode report = api.get(url, viewer).json();
        assertRates(report);

        String admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        assertThat(api.post("/api/v1/tenants/" + tenant.slug() + "/analytics/rebuild", admin, Map.of()).status()).isEqualTo(200);
        assertRates(api.get(url, viewer).json());

        JsonNode theirs = api.get("/api/v1/tenants/" + other.slug() + "/analytics?from=" + DAY + "&to=" + DAY,
                api.userToken(other.slug(), Role.VIEWER)).json().get("kpis");
        assertThat(theirs.get("handoffs").get("value").asLong()).isZero();
    }

    private static void assertRates(JsonNode report) {
        JsonNode k = report.get("kpis");
        assertThat(k.get("conversations").get("value").asLong()).isEqualTo(4);
        assertThat(k.get("handoffs").get("value").asLong()).isEqualTo(2);
        assertThat(k.get("handoffs").get("previous").asLong()).isEqualTo(1);
        assertThat(k.get("handoffRate").get("value").asDouble()).isEqualTo(0.5);
        assertThat(k.get("handoffRate").get("previous").asDouble()).isEqualTo(0.5);
        assertThat(k.get("handoffRate").get("trend").asString()).isEqualTo("stable");
        assertThat(k.get("selfServiceRate").get("value").asDouble()).isEqualTo(0.5);
        assertThat(report.get("handoffReasons").toString())
                .isEqualTo("[{\"reason\":\"outside_topic\",\"conversations\":1},{\"reason\":\"wants_person\",\"conversations\":1}]");
        assertThat(k.get("cost").get("value").asDouble()).isEqualTo(2.5);
        assertThat(k.get("cost").get("previous").asDouble()).isEqualTo(0.0);
        JsonNode models = report.get("tokensByModel");
        assertThat(models.toString()).contains("\"model\":\"analytics-priced-model\"", "\"cost\":2.5");
        for (JsonNode m : models) {
            if (m.get("model").asString().equals("extractive-de")) {
                assertThat(m.get("cost").isNull()).as("an unpriced model has no cost").isTrue();
            }
        }
    }
}
