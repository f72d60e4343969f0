package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard builder's activity widgets in real headless Chromium (issue #13), over data made through the API
 * first: {@code agents} (agent runs, approvals asked, granted and denied, a handoff asked, taken and ended),
 * {@code kb-sync} (an approved article delivered to a loopback webhook that refuses the first attempt) and
 * {@code metrics} (the tenant's endpoint latencies). Each is added from the library, shows those figures, is saved,
 * and after a reload is there again with the same figures; axe-core finds nothing serious on the page.
 */
@IntegrationTest
class DashboardActivityWidgetsBrowserTest extends DashboardBrowser {

    static final String BUDGET = "GET /api/v1/tenants/{tenant}/agent-runtime/budget";
    static final int BUDGET_READS = 40;

    HttpServer receiver;
    final AtomicInteger webhookCalls = new AtomicInteger();

    @AfterAll
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void agentsKbSyncAndMetricsWidgetsShowTheTenantsDataAndSurviveAReload() throws Exception {
        try {
            walkThrough();
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "dashboard-activity-failure");
            System.out.println("[dashboard] page at failure: " + driver.getCurrentUrl() + "\n"
                    + driver.findElement(By.tagName("body")).getText());
            throw e;
        }
    }

    void walkThrough() throws Exception {
        String slug = signInAndCreateTenant("act", "Gemeinde Zahlenhausen");
        TestApi api = new TestApi(port);
        String base = "/api/v1/tenants/" + slug;
        String admin = api.userToken(slug, Role.TENANT_ADMIN);
        String editor = api.userToken(slug, Role.EDITOR);

        agentActivity(api, base, admin);
        kbSyncDelivery(api, base, admin, editor);
        for (int i = 0; i < BUDGET_READS; i++) {
            assertThat(api.get(base + "/agent-runtime/budget", admin).status()).isEqualTo(200);
        }

        // the figures as the API reports them (the activity is counted from the bus, so wait for it)
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("agentRuns", 4L); // the three API runs and the conversation's run that handed it over
        expected.put("approvalsRequested", 3L);
        expected.put("approvalsGranted", 1L);
        expected.put("approvalsDenied", 1L);
        expected.put("handoffsRequested", 1L);
        expected.put("handoffsAccepted", 1L);
        expected.put("handoffsEnded", 1L);
        expected.put("kbSyncDelivered", 1L);
        expected.put("kbSyncFailed", 1L);
        long deadline = System.currentTimeMillis() + 60_000;
        Map<String, Long> activity = activity(api, base, admin);
        while (!activity.equals(expected)) {
            assertThat(System.currentTimeMillis()).as("activity counted: " + activity).isLessThan(deadline);
            Thread.sleep(200);
            activity = activity(api, base, admin);
        }
        JsonNode latency = api.get(base + "/metrics", admin).json().get("endpointLatency").get(BUDGET);
        assertThat(latency.get("requests").asLong()).isEqualTo(BUDGET_READS);

        openDashboards(8);
        addFromLibrary("agents");
        addFromLibrary("kb-sync");
        addFromLibrary("metrics");
        shown();
        BrowserSupport.screenshot(driver, "dashboard-activity-widgets");
        violations.addAll(BrowserSupport.seriousViolations(driver, "dashboard with activity widgets"));

        save();
        reload(11);
        shown();
        JsonNode layout = api.get(base + "/dashboards", admin).json().get("items").get(0).get("layout");
        assertThat(layout.valueStream().map(i -> i.get("widgetType").asString()).toList())
                .hasSize(11).contains("agents", "kb-sync", "metrics");
        BrowserSupport.screenshot(driver, "dashboard-activity-widgets-reloaded");
        violations.addAll(BrowserSupport.seriousViolations(driver, "dashboard with activity widgets after reload"));
        assertThat(violations).as("axe-core serious/critical violations on the dashboard").isEmpty();
    }

    /**
     * What the three widgets show, as made above. A live update (the page's own reads are events too) re-renders the
     * widget bodies, so an element read in between goes stale: then the whole check reads the page again, a few times
     * at most. A wrong figure fails at once.
     */
    void shown() {
        for (int attempt = 1; ; attempt++) {
            try {
                shownOnce();
                return;
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    void shownOnce() {
        Map<String, String> agents = facts(item("agents"));
        assertThat(agents).containsExactly(Map.entry("Agentenläufe", "4"), Map.entry("Freigaben angefragt", "3"),
                Map.entry("Freigaben erteilt", "1"), Map.entry("Freigaben abgelehnt", "1"),
                Map.entry("Übergaben angefragt", "1"), Map.entry("Übergaben angenommen", "1"), Map.entry("Übergaben beendet", "1"));

        WebElement kbSync = item("kb-sync");
        Map<String, String> sync = facts(kbSync);
        assertThat(sync).containsOnlyKeys("KB-Synchronisationsquote", "Zustellungen an Sync-Ziele", "Gescheiterte Zustellungen");
        assertThat(sync.get("KB-Synchronisationsquote").replaceAll("[\\s\\u00a0\\u202f]", "")).isEqualTo("50%");
        assertThat(sync.get("Zustellungen an Sync-Ziele")).isEqualTo("1");
        assertThat(sync.get("Gescheiterte Zustellungen")).isEqualTo("1");
        assertThat(kbSync.getDomProperty("textContent")).doesNotContain("Noch keine Zustellungen");

        WebElement metrics = item("metrics");
        List<WebElement> header = metrics.findElements(By.cssSelector("thead th"));
        assertThat(header).extracting(h -> h.getDomProperty("textContent"))
                .containsExactly("Schnittstelle", "Aufrufe", "p50 (ms)", "p95 (ms)");
        List<List<String>> rows = metrics.findElements(By.cssSelector("tbody tr")).stream()
                .map(r -> r.findElements(By.tagName("td")).stream().map(c -> c.getDomProperty("textContent")).toList()).toList();
        assertThat(rows).as("the most used endpoints, at most six").isNotEmpty().hasSizeLessThanOrEqualTo(6);
        List<String> budget = rows.stream().filter(r -> r.get(0).equals(BUDGET)).findFirst().orElseThrow(
                () -> new AssertionError("no row for " + BUDGET + " in " + rows));
        assertThat(budget.get(1)).isEqualTo(String.valueOf(BUDGET_READS));
        assertThat(budget.get(2)).matches("\\d+");
        assertThat(budget.get(3)).matches("\\d+");

        // and the figures are in sight, not scrolled out of the widget's box
        List<WebElement> figures = new java.util.ArrayList<>();
        figures.addAll(item("agents").findElements(By.cssSelector(".dash-body dd")));
        figures.addAll(kbSync.findElements(By.cssSelector(".dash-body dd")));
        figures.addAll(metrics.findElements(By.cssSelector("tbody tr:first-child td")));
        for (WebElement figure : figures) {
            assertThat(driver.executeScript("""
                    const e = arguments[0].getBoundingClientRect();
                    const box = arguments[0].closest('.dash-item').getBoundingClientRect();
                    return e.left >= box.left && e.right <= box.right && e.top >= box.top && e.bottom <= box.bottom;""", figure))
                    .as("in sight: " + figure.getDomProperty("textContent")).isEqualTo(true);
        }
    }

    /** A widget's facts (dt → dd, in order) as the page has them. */
    Map<String, String> facts(WebElement item) {
        List<WebElement> terms = item.findElements(By.cssSelector(".dash-body dt"));
        List<WebElement> values = item.findElements(By.cssSelector(".dash-body dd"));
        Map<String, String> facts = new LinkedHashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            facts.put(terms.get(i).getDomProperty("textContent"), values.get(i).getDomProperty("textContent"));
        }
        return facts;
    }

    static Map<String, Long> activity(TestApi api, String base, String token) {
        JsonNode a = api.get(base + "/analytics", token).json().get("activity");
        Map<String, Long> m = new LinkedHashMap<>();
        a.propertyNames().forEach(name -> m.put(name, a.get(name).asLong()));
        return m;
    }

    /**
     * Three runs of the tenant's default agent pause for approval (no model: the planned service link needs one); one
     * is approved, one denied. A citizen in a console conversation asks for a person (the agent runtime answers that:
     * a fourth run); staff take the handoff and end it.
     */
    void agentActivity(TestApi api, String base, String admin) throws InterruptedException {
        String runtime = base + "/agent-runtime";
        assertThat(api.post(runtime + "/services", admin, Map.of("name", "Hundesteuer – Anmeldung eines Hundes", "kind", "form",
                "url", "https://www.example.de/hund", "office", "Steueramt", "keywords", List.of("Hund", "Hundemarke"))).status())
                .isEqualTo(201);
        assertThat(api.put(runtime + "/policy", admin, Map.of("approvalTools", List.of("service_link"))).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            TestApi.Response run = api.post(runtime + "/runs", admin, Map.of("question", "Wo melde ich meinen Hund an?"));
            assertThat(run.status()).as(run.body()).isEqualTo(201);
            assertThat(run.json().get("status").asString()).isEqualTo("awaiting_approval");
        }
        List<String> pending = api.get(runtime + "/approvals?status=pending", admin).json().get("items").valueStream()
                .map(a -> a.get("id").asString()).toList();
        assertThat(pending).hasSize(3);
        TestApi.Response approved = api.post(runtime + "/approvals/" + pending.get(0) + "/approve", admin, Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        TestApi.Response denied = api.post(runtime + "/approvals/" + pending.get(1) + "/deny", admin, Map.of("note", "nicht zulässig"));
        assertThat(denied.status()).as(denied.body()).isEqualTo(200);

        String conversation = api.post(base + "/conversations", admin, Map.of()).json().get("id").asString();
        TestApi.Response asked = api.post(base + "/conversations/" + conversation + "/messages", admin,
                Map.of("content", "Ich möchte bitte mit einem Mitarbeiter sprechen."));
        assertThat(asked.status()).as(asked.body()).isEqualTo(200);
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode queue = api.get(runtime + "/handoffs?status=waiting", admin).json().get("items");
        while (queue.isEmpty()) {
            assertThat(System.currentTimeMillis()).as("handoff queued: " + asked.body()).isLessThan(deadline);
            Thread.sleep(100);
            queue = api.get(runtime + "/handoffs?status=waiting", admin).json().get("items");
        }
        String handoff = queue.get(0).get("id").asString();
        assertThat(api.post(runtime + "/handoffs/" + handoff + "/take", admin, Map.of()).status()).isEqualTo(200);
        assertThat(api.post(runtime + "/handoffs/" + handoff + "/end", admin, Map.of()).status()).isEqualTo(200);
    }

    /** A webhook sync target on loopback that refuses the first delivery; an article approved by a second person. */
    void kbSyncDelivery(TestApi api, String base, String admin, String editor) throws IOException, InterruptedException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(webhookCalls.getAndIncrement() == 0 ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
        TestApi.Response space = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice"));
        assertThat(space.status()).as(space.body()).isEqualTo(201);
        TestApi.Response target = api.post(base + "/kb/sync-targets", admin, Map.of("name", "Spiegel", "type", "webhook",
                "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "secret", "widget-test-secret-42"));
        assertThat(target.status()).as(target.body()).isEqualTo(201);
        TestApi.Response article = api.post(base + "/kb/articles", editor, Map.of("spaceId", space.json().get("id").asString(),
                "title", "Hundesteuer", "body", "Die Hundesteuer beträgt 96 Euro im Jahr."));
        assertThat(article.status()).as(article.body()).isEqualTo(201);
        String id = article.json().get("id").asString();
        assertThat(api.post(base + "/kb/articles/" + id + "/submit", editor, Map.of()).status()).isEqualTo(200);
        TestApi.Response approved = api.post(base + "/kb/articles/" + id + "/approve", admin, Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        String targetPath = base + "/kb/sync-targets/" + target.json().get("id").asString();
        long deadline = System.currentTimeMillis() + 60_000;
        while (api.get(targetPath, admin).json().get("status").get("delivered").asInt() != 1) {
            assertThat(System.currentTimeMillis()).as("delivered: " + api.get(targetPath, admin).body()).isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(webhookCalls.get()).isEqualTo(2);
    }
}
