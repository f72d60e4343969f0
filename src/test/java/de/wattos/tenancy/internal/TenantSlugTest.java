package de.wattos.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.TestApi;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A tenant path segment is a slug or an id: a slug may therefore never look like an id, neither on create nor on change. */
@IntegrationTest
class TenantSlugTest {

    @LocalServerPort
    int port;

    @Test
    void aSlugCannotBecomeAnotherTenantsIdOrAnyId() {
        TestApi api = new TestApi(port);
        String admin = api.adminToken();
        TestApi.Tenant victim = api.createTenant();
        TestApi.Tenant mine = api.createTenant();
        for (String slug : new String[] {victim.id().toString(), UUID.randomUUID().toString()}) {
            TestApi.Response changed = api.put("/api/v1/tenants/" + mine.slug(), admin, Map.of("slug", slug, "name", "Meins"));
            assertThat(changed.status()).as(changed.body()).isEqualTo(400);
            assertThat(changed.json().get("errors").get(0).get("field").asString()).isEqualTo("slug");
            assertThat(api.post("/api/v1/tenants", admin, Map.of("slug", slug, "name", "Neu")).status()).isEqualTo(400);
        }
        assertThat(api.get("/api/v1/tenants/" + victim.id(), admin).json().get("slug").asString()).isEqualTo(victim.slug());
        assertThat(api.get("/api/v1/tenants/" + mine.slug(), admin).status()).isEqualTo(200);
    }
}
