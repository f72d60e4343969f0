package de.wattos.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.wattos.IntegrationTest;
import de.wattos.support.TestApi;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** "Allow private networks" as a stored platform setting: only platform admins change it, the SSRF guard follows it. */
@IntegrationTest
class PlatformSettingsTest {

    @LocalServerPort int port;
    @Autowired PlatformSettings settings;

    @AfterEach
    void reset() {
        settings.setAllowPrivateNetworks(false, Actor.SYSTEM);
    }

    @Test
    void theStoredSettingOpensTheGuardForLocalSites() {
        TestApi api = new TestApi(port);
        // a guard whose configuration says no (the test profile's configuration says yes for every other test)
        UrlGuard guard = new UrlGuard(false, settings);
        assertThatThrownBy(() -> guard.check("http://127.0.0.1:9/"))
                .isInstanceOfSatisfying(UrlGuard.BlockedUrlException.class, e -> assertThat(e.code()).isEqualTo("private_address"));

        var put = api.put("/api/v1/platform/settings", api.adminToken(), Map.of("allowPrivateNetworks", true));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("allowPrivateNetworks").asBoolean()).isTrue();
        assertThat(guard.check("http://127.0.0.1:9/").getHost()).isEqualTo("127.0.0.1");
        assertThat(api.get("/api/v1/platform/settings", api.adminToken()).json().get("allowPrivateNetworks").asBoolean()).isTrue();

        api.put("/api/v1/platform/settings", api.adminToken(), Map.of("allowPrivateNetworks", false));
        assertThatThrownBy(() -> guard.check("http://127.0.0.1:9/")).isInstanceOf(UrlGuard.BlockedUrlException.class);
    }

    @Test
    void onlyPlatformAdminsReadOrChangeIt() {
        TestApi api = new TestApi(port);
        var tenant = api.createTenant();
        String tenantAdmin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        assertThat(api.put("/api/v1/platform/settings", tenantAdmin, Map.of("allowPrivateNetworks", true)).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/platform/settings", tenantAdmin).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/platform/settings", null).status()).isEqualTo(401);
        assertThat(api.put("/api/v1/platform/settings", api.adminToken(), Map.of()).status()).isEqualTo(400);
        assertThat(settings.allowPrivateNetworks()).isFalse();
    }
}
