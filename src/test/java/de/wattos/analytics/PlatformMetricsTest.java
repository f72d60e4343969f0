package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Operators see system, database, endpoint and business metrics; tenant users do not. */
@IntegrationTest
class PlatformMetricsTest {

    @LocalServerPort
    int port;

    @Test
    void platformAdminsSeeMetricsOthersDoNot() {
        TestApi api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        String tenantAdmin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        assertThat(api.get("/api/v1/metrics", tenantAdmin).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/metrics", null).status()).isEqualTo(401);

        TestApi.Response r = api.get("/api/v1/metrics", api.adminToken());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode m = r.json();
        assertThat(m.get("system").get("heapUsedBytes").asDouble()).isPositive();
        assertThat(m.get("database").get("sizeBytes").asLong()).isPositive();
        assertThat(m.get("database").get("poolMax").asDouble()).isPositive();
        assertThat(m.get("endpoints").has("tenants")).isTrue();
        assertThat(m.get("business").has("answers24h")).isTrue();
    }

    /**
     * Latency percentiles per endpoint, named by its mapping (never the concrete path): platform-wide for operators,
     * and each tenant's own share, which counts only that tenant's requests.
     */
    @Test
    void endpointLatencyPercentilesPlatformWideAndPerTenant() {
        TestApi api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        TestApi.Tenant other = api.createTenant();
        String viewer = api.userToken(tenant.slug(), Role.VIEWER);
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/api/v1/tenants/" + tenant.slug() + "/dashboards", viewer).status()).isEqualTo(200);
        }
        String endpoint = "GET /api/v1/tenants/{tenant}/dashboards";

        JsonNode platform = api.get("/api/v1/metrics", api.adminToken()).json().get("endpointLatency");
        assertThat(platform.get(endpoint).get("requests").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(platform.get(endpoint).get("p50Ms").isNumber()).isTrue();
        assertThat(platform.get(endpoint).get("p95Ms").asLong())
                .isGreaterThanOrEqualTo(platform.get(endpoint).get("p50Ms").asLong());

        TestApi.Response mine = api.get("/api/v1/tenants/" + tenant.slug() + "/metrics", viewer);
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(mine.json().get("endpointLatency").get(endpoint).get("requests").asLong()).isEqualTo(5);
        assertThat(mine.json().get("business").has("conversations24h")).isTrue();

        String otherAdmin = api.userToken(other.slug(), Role.TENANT_ADMIN);
        JsonNode theirs = api.get("/api/v1/tenants/" + other.slug() + "/metrics", otherAdmin).json().get("endpointLatency");
        assertThat(theirs.has(endpoint)).isFalse();
        assertThat(api.get("/api/v1/tenants/" + tenant.slug() + "/metrics", otherAdmin).status()).isEqualTo(404);
    }
}
