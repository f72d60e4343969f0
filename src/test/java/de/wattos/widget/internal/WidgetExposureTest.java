package de.wattos.widget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a widget's public pages reveal: nothing of a draft, nothing at all once its tenant is deleted; and who may frame what. */
@IntegrationTest
class WidgetExposureTest {

    @LocalServerPort
    int port;
    TestApi api;
    TestApi.Tenant tenant;
    String editor;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        tenant = api.createTenant();
        editor = api.userToken(tenant.slug(), Role.EDITOR);
    }

    private String widget(String status) {
        Map<String, Object> body = new HashMap<>(WidgetApiTest.fullWidget());
        body.put("status", status);
        body.put("assistantName", "Geheimname Lotta");
        TestApi.Response r = api.post("/api/v1/tenants/" + tenant.slug() + "/widgets", editor, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("publicKey").asString();
    }

    @Test
    void aDraftWidgetsPagesDoNotRevealTheAssistant() {
        String key = widget("draft");
        for (String path : List.of("/w/" + key, "/w/" + key + "/preview")) {
            TestApi.Response page = api.get(path, null);
            assertThat(page.status()).isEqualTo(403);
            assertThat(page.body()).doesNotContain("Lotta").doesNotContain("Moin");
        }
    }

    @Test
    void aDeletedTenantsWidgetIsGone() {
        String key = widget("active");
        // not fetched publicly before the deletion: public lookups are cached for a few seconds
        assertThat(api.delete("/api/v1/tenants/" + tenant.slug(), api.adminToken()).status()).isEqualTo(204);
        assertThat(api.get("/w/" + key, null).status()).isEqualTo(404);
        assertThat(api.get("/w/" + key + "/preview", null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/public/widgets/" + key + "/config", null).status()).isEqualTo(404);
    }

    @Test
    void theConsoleIsSameOriginOnlyWhileWidgetPagesStayEmbeddable() {
        TestApi.Response console = api.get("/console", null);
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.header("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        assertThat(console.header("Content-Security-Policy")).contains("frame-ancestors 'self'");

        TestApi.Response frame = api.get("/w/" + widget("active"), null);
        assertThat(frame.status()).isEqualTo(200);
        assertThat(frame.header("X-Frame-Options")).isNull();
        assertThat(frame.header("Content-Security-Policy")).contains("frame-ancestors 'self' https://www.gemeinde.example");
    }
}
