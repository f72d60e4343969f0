package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.events.DomainEvents;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub;
import de.wattos.support.TestApi;
import de.wattos.tenancy.Tenants;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Clusters of unanswered questions are named by the tenant's language model when one is configured (one call for
 * the largest clusters, over the OpenAI wire protocol to a stub), by their most frequent words otherwise; the
 * knowledge-base module gets a cluster's questions through analytics' public API, for its own tenant only.
 */
@IntegrationTest
class UnansweredClusterLabelsTest {

    @LocalServerPort
    int port;
    @Autowired
    DomainEvents bus;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UnansweredQuestionClusters clusters;
    @Autowired
    Tenants tenants;

    @Test
    void aModelNamesTheClustersWithoutOneTheirWordsDoAndTheKbGetsTheQuestions() {
        TestApi api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        String admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        String base = "/api/v1/tenants/" + tenant.slug();
        AnalyticsTraffic traffic = new AnalyticsTraffic(bus, jdbc, tenant.id());
        Instant at = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        UUID c = traffic.conversation(at, "widget", null, "v_x");
        UUID waste = traffic.answer(c, at.plusSeconds(10), "Wann hat der Wertstoffhof samstags geöffnet?", true, "stop", 300,
                100L, 0, List.of());
        traffic.answer(c, at.plusSeconds(20), "Hat der Wertstoffhof am Samstag offen?", true, "stop", 300, 100L, 0, List.of());
        traffic.answer(c, at.plusSeconds(30), "Wie hoch ist die Hundesteuer?", true, "stop", 300, 100L, 0, List.of());

        JsonNode extractive = api.get(base + "/analytics/unanswered", admin).json().get("clusters");
        assertThat(extractive).hasSize(2);
        assertThat(extractive.get(0).get("labelSource").asString()).isEqualTo("extractive");
        assertThat(extractive.get(0).get("label").asString()).containsIgnoringCase("wertstoffhof");

        try (OpenAiStub model = new OpenAiStub()) {
            Map<String, Object> provider = new HashMap<>();
            provider.put("name", "stub");
            provider.put("type", "openai");
            provider.put("baseUrl", model.baseUri().toString());
            provider.put("apiKey", "sk-stub");
            provider.put("defaultModel", "gpt-stub");
            TestApi.Response created = api.post(base + "/llm/providers", admin, provider);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            model.enqueue(ProviderStub.answer("{\"labels\":[{\"index\":0,\"label\":\"Öffnungszeiten des Wertstoffhofs\"},"
                    + "{\"index\":1,\"label\":\"Hundesteuer\"},{\"index\":7,\"label\":\"erfunden\"}]}"));
            JsonNode named = api.get(base + "/analytics/unanswered", admin).json().get("clusters");
            assertThat(named.get(0).get("label").asString()).isEqualTo("Öffnungszeiten des Wertstoffhofs");
            assertThat(named.get(0).get("labelSource").asString()).isEqualTo("model");
            assertThat(named.get(1).get("label").asString()).isEqualTo("Hundesteuer");
            assertThat(named.get(0).get("questions").asInt()).isEqualTo(2);
            String request = model.received.stream().filter(r -> r.path().endsWith("/chat/completions")).findFirst()
                    .orElseThrow().body();
            assertThat(request).contains("Hat der Wertstoffhof am Samstag offen?").contains("response_format");
            // the names are kept: reloading does not ask the model again
            int calls = model.chatRequests.get();
            api.get(base + "/analytics/unanswered", admin);
            assertThat(model.chatRequests.get()).isEqualTo(calls);
            api.delete(base + "/llm/providers/" + created.json().get("id").asString(), admin);
        }

        var ref = tenants.ref(tenant.id()).orElseThrow();
        Optional<UnansweredQuestionClusters.ClusterQuestions> cluster = TenantContext.callAs(ref, () -> clusters.clusterOf(waste));
        assertThat(cluster).isPresent();
        assertThat(cluster.get().questions()).extracting(UnansweredQuestionClusters.Question::text)
                .containsExactlyInAnyOrder("Wann hat der Wertstoffhof samstags geöffnet?", "Hat der Wertstoffhof am Samstag offen?");
        assertThat(TenantContext.callAs(ref, () -> clusters.clusterOf(UUID.randomUUID()))).isEmpty();
        var other = tenants.ref(api.createTenant().id()).orElseThrow();
        assertThat(TenantContext.callAs(other, () -> clusters.clusterOf(waste))).isEmpty();
    }
}
