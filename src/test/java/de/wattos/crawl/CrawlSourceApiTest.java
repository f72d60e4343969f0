package de.wattos.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Website sources through the REST API: defaults, validation, secrets, roles, tenant isolation. */
@IntegrationTest
class CrawlSourceApiTest {

    @LocalServerPort
    int port;

    @Test
    void createsWithDefaultsAndNeverReturnsThePassword() {
        CrawlClient c = new CrawlClient(port);
        TestApi.Response created = c.api.post(c.sourcesPath(), c.editor, Map.of("type", "website",
                "startUrls", List.of("HTTPS://www.Ingolstadt.DE:443/rathaus?utm_source=x#top"),
                "credentials", Map.of("username", "redaktion", "password", "sehr-geheim-4711")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode s = created.json();
        assertThat(s.get("startUrls").get(0).asString()).isEqualTo("https://www.ingolstadt.de/rathaus");
        assertThat(s.get("name").asString()).isEqualTo("www.ingolstadt.de");
        assertThat(s.get("maxDepth").asInt()).isEqualTo(5);
        assertThat(s.get("maxPages").asInt()).isEqualTo(5000);
        assertThat(s.get("sameHostOnly").asBoolean()).isTrue();
        assertThat(s.get("followSitemaps").asBoolean()).isTrue();
        assertThat(s.get("schedule").asString()).isEqualTo("0 0 5 * * *");
        assertThat(s.get("nextRunAt").isNull()).isFalse();
        assertThat(s.get("hasCredentials").asBoolean()).isTrue();
        assertThat(s.get("credentialsHint").asString()).isEqualTo("••••");
        assertThat(created.body()).doesNotContain("sehr-geheim");

        String path = c.sourcesPath() + "/" + s.get("id").asString();
        TestApi.Response read = c.api.get(path, c.editor);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).doesNotContain("sehr-geheim").contains("\"hasCredentials\":true");
        assertThat(c.api.get(c.sourcesPath(), c.editor).json().get("total").asInt()).isEqualTo(1);

        TestApi.Response manual = patch(c, path, "{\"schedule\":null,\"credentials\":null,\"maxDepth\":2}");
        assertThat(manual.status()).as(manual.toString()).isEqualTo(200);
        assertThat(manual.json().get("schedule").isNull()).isTrue();
        assertThat(manual.json().get("nextRunAt").isNull()).isTrue();
        assertThat(manual.json().get("hasCredentials").asBoolean()).isFalse();
        assertThat(manual.json().get("maxDepth").asInt()).isEqualTo(2);
        assertThat(manual.json().get("startUrls").get(0).asString()).isEqualTo("https://www.ingolstadt.de/rathaus");

        assertThat(c.api.delete(path, c.editor).status()).isEqualTo(204);
        assertThat(c.api.get(path, c.editor).status()).isEqualTo(404);

        TestApi.Response audit = c.api.get(c.tenantPath("/audit?size=200"), c.api.adminToken());
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        assertThat(audit.body()).contains("crawl_source.created", "crawl_source.updated", "crawl_source.deleted")
                .doesNotContain("sehr-geheim");
    }

    @Test
    void refusesBadInputWithClearCodes() {
        CrawlClient c = new CrawlClient(port);
        assertCode(c.api.post(c.sourcesPath(), c.editor, Map.of("type", "website", "startUrls", List.of("ftp://x.de/"))),
                400, "unsupported_scheme");
        assertCode(c.api.post(c.sourcesPath(), c.editor, Map.of("type", "website", "startUrls", List.of("nonsense"))),
                400, "unsupported_scheme");
        assertCode(c.api.post(c.sourcesPath(), c.editor, Map.of("type", "website", "startUrls", List.of())),
                400, "validation_failed");
        assertCode(c.api.post(c.sourcesPath(), c.editor, Map.of("type", "ftp", "startUrls", List.of("https://a.de/"))),
                400, "validation_failed");
        assertCode(c.api.post(c.sourcesPath(), c.editor, Map.of("type", "website", "startUrls", List.of("https://a.de/"),
                "excludePatterns", List.of("regex:("))), 400, "validation_failed");
        assertCode(c.api.post(c.sourcesPath(), c.editor, Map.of("type", "website", "startUrls", List.of("https://a.de/"),
                "schedule", "jeden Tag")), 400, "validation_failed");
        assertCode(c.api.post(c.sourcesPath(), c.editor, Map.of("type", "website", "startUrls", List.of("https://a.de/"),
                "schedule", "0 * * * * *")), 400, "validation_failed");
        assertCode(c.api.post(c.sourcesPath(), c.editor, Map.of("type", "website", "startUrls", List.of("https://a.de/"),
                "maxDepth", 99)), 400, "validation_failed");
        assertCode(c.api.post(c.sourcesPath(), c.editor, Map.of("type", "website", "startUrls", List.of("https://a.de/"),
                "credentials", Map.of("username", "x"))), 400, "validation_failed");
        assertCode(c.api.post(c.tenantPath("/spaces/" + UUID.randomUUID() + "/sources"), c.editor,
                Map.of("type", "website", "startUrls", List.of("https://a.de/"))), 404, "not_found");
        assertCode(c.api.post(c.tenantPath("/sources/" + UUID.randomUUID() + "/crawls"), c.editor, Map.of()), 404, "not_found");
        assertCode(c.api.get(c.tenantPath("/crawls/not-a-uuid"), c.editor), 404, "not_found");
    }

    @Test
    void viewersReadEditorsWriteOtherTenantsSeeNothing() {
        CrawlClient c = new CrawlClient(port);
        String viewer = c.api.userToken(c.tenant.slug(), Role.VIEWER);
        String source = c.createSource("https://www.example.de/", Map.of());
        assertThat(c.api.get(c.sourcesPath() + "/" + source, viewer).status()).isEqualTo(200);
        assertThat(c.api.post(c.sourcesPath(), viewer, Map.of("type", "website", "startUrls", List.of("https://a.de/")))
                .status()).isEqualTo(403);
        assertThat(c.api.post(c.tenantPath("/sources/" + source + "/crawls"), viewer, Map.of()).status()).isEqualTo(403);

        CrawlClient other = new CrawlClient(port);
        assertThat(other.api.get(other.tenantPath("/sources/" + source), other.editor).status()).isEqualTo(404);
        assertThat(other.api.post(other.tenantPath("/sources/" + source + "/crawls"), other.editor, Map.of()).status())
                .isEqualTo(404);
        assertThat(other.api.get(c.sourcesPath(), other.editor).status()).isEqualTo(404);
    }

    @Test
    void sourcesOfADeletedSpaceAreGone() {
        CrawlClient c = new CrawlClient(port);
        String source = c.createSource("https://www.example.de/", Map.of("schedule", "0 0 5 * * *"));
        assertThat(c.api.get(c.tenantPath("/sources/" + source), c.editor).status()).isEqualTo(200);
        TestApi.Response deleted = c.api.delete(c.tenantPath("/spaces/" + c.spaceId), c.editor);
        assertThat(deleted.status()).as(deleted.toString()).isLessThan(300);
        assertThat(c.api.get(c.tenantPath("/sources/" + source), c.editor).status()).isEqualTo(404);
        assertThat(c.api.post(c.tenantPath("/sources/" + source + "/crawls"), c.editor, Map.of()).status()).isEqualTo(404);
        assertThat(c.api.get(c.sourcesPath(), c.editor).status()).isEqualTo(404);
    }

    private static TestApi.Response patch(CrawlClient c, String path, String json) {
        return c.api.raw("PATCH", path, c.editor, "application/json", json.getBytes());
    }

    private static void assertCode(TestApi.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
    }
}
