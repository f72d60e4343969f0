package de.wattos.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.wattos.IntegrationTest;
import de.wattos.support.TestApi;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class AuditTrailTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void loginsAndWritesAreAuditedWithoutSecrets() {
        var t = api.createTenant();
        String base = "/api/v1/tenants/" + t.slug();
        api.post(base + "/users", api.adminToken(), Map.of("username", "clara", "password", "secret password 42",
                "roles", List.of("TENANT_ADMIN")));
        api.post("/api/v1/auth/login", null, Map.of("username", "clara", "password", "not the password", "tenant", t.slug()));
        String clara = api.login("clara", "secret password 42", t.slug());
        api.post(base + "/api-keys", clara, Map.of("name", "export", "roles", List.of("VIEWER")));

        JsonNode page = api.get(base + "/audit?size=100", clara).json();
        List<String> actions = page.get("items").valueStream().map(n -> n.get("action").asString() + ":" + n.get("outcome").asString()).toList();
        assertThat(actions).contains("tenant.created:SUCCESS", "user.created:SUCCESS", "auth.login:FAILURE", "auth.login:SUCCESS",
                "api_key.created:SUCCESS");
        assertThat(page.toString()).doesNotContain("secret password 42").doesNotContain("not the password");
        JsonNode login = page.get("items").valueStream().filter(n -> n.get("action").asString().equals("auth.login")).findFirst().orElseThrow();
        assertThat(login.get("clientIp").asString()).isNotBlank();
        assertThat(login.get("actor").get("name").asString()).isEqualTo("clara");

        JsonNode filtered = api.get(base + "/audit?action=auth.*&actor=clara", clara).json();
        assertThat(filtered.get("items").valueStream().map(n -> n.get("action").asString())).containsOnly("auth.login");
        assertThat(filtered.get("total").asInt()).isEqualTo(2);
        assertThat(api.get(base + "/audit?from=2999-01-01T00:00:00Z", clara).json().get("total").asInt()).isZero();
    }

    @Test
    void entriesCannotBeChangedAndTamperingIsDetected() {
        var t = api.createTenant();
        api.userToken(t.slug(), de.wattos.platform.Role.VIEWER);
        JsonNode ok = api.get("/api/v1/audit/verify", api.adminToken()).json();
        assertThat(ok.get("ok").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.get("entries").asLong()).isPositive();

        UUID victim = jdbc.sql("select id from audit_entries where tenant_id = :t and action = 'user.created'")
                .param("t", t.id()).query(UUID.class).single();
        assertThatThrownBy(() -> jdbc.sql("update audit_entries set actor_name = 'someone' where id = :id").param("id", victim).update())
                .hasMessageContaining("append-only");
        // an attacker with superuser rights disables the guard and edits the entry
        jdbc.sql("alter table audit_entries disable trigger audit_entries_no_update").update();
        try {
            jdbc.sql("update audit_entries set details = '{\"username\":\"innocent\"}'::jsonb where id = :id").param("id", victim).update();
        } finally {
            jdbc.sql("alter table audit_entries enable trigger audit_entries_no_update").update();
        }
        JsonNode broken = api.get("/api/v1/audit/verify", api.adminToken()).json();
        assertThat(broken.get("ok").asBoolean()).isFalse();
        assertThat(broken.get("firstBroken").get("id").asString()).isEqualTo(victim.toString());
        assertThat(broken.get("firstBroken").get("reason").asString()).contains("content changed");
        // repair so other tests' verification stays meaningful: delete the tenant's forged chain entry's effect
        jdbc.sql("alter table audit_entries disable trigger audit_entries_no_update").update();
        try {
            jdbc.sql("delete from audit_entries where chain = :t").param("t", t.id()).update();
        } finally {
            jdbc.sql("alter table audit_entries enable trigger audit_entries_no_update").update();
        }
    }
}
