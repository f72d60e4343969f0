package de.wattos.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Drives the crawl API of one fresh tenant and space through the real REST API. */
public final class CrawlClient {

    public final TestApi api;
    public final TestApi.Tenant tenant;
    public final String editor;
    public final String spaceId;

    public CrawlClient(int port) {
        this.api = new TestApi(port);
        this.tenant = api.createTenant();
        this.editor = api.userToken(tenant.slug(), Role.EDITOR);
        TestApi.Response space = api.post(tenantPath("/spaces"), editor, Map.of("name", "Website"));
        assertThat(space.status()).as(space.toString()).isEqualTo(201);
        this.spaceId = space.json().get("id").asString();
    }

    public String tenantPath(String path) {
        return "/api/v1/tenants/" + tenant.slug() + path;
    }

    public String sourcesPath() {
        return tenantPath("/spaces/" + spaceId + "/sources");
    }

    /** Creates a manual website source; extra fields override the defaults. */
    public String createSource(String startUrl, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "website");
        body.put("startUrls", java.util.List.of(startUrl));
        body.put("schedule", null);
        body.putAll(extra);
        TestApi.Response r = api.post(sourcesPath(), editor, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    public String startCrawl(String sourceId) {
        TestApi.Response r = api.post(tenantPath("/sources/" + sourceId + "/crawls"), editor, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        return r.json().get("id").asString();
    }

    public JsonNode run(String runId) {
        TestApi.Response r = api.get(tenantPath("/crawls/" + runId), editor);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** Waits until the run ended and answers it. */
    public JsonNode await(String runId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode run = run(runId);
            String status = run.get("status").asString();
            if (status.equals("succeeded") || status.equals("failed") || status.equals("cancelled")) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("crawl " + runId + " did not end within " + timeout + ": " + run);
            }
            sleep(100);
        }
    }

    public JsonNode crawl(String sourceId) {
        return await(startCrawl(sourceId), Duration.ofSeconds(90));
    }

    public static int counter(JsonNode run, String name) {
        return run.get("counters").get(name).asInt();
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
