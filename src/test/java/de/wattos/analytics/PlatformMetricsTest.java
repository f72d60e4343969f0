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
}
