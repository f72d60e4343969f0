package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The sync-target page in real headless Chromium: a tenant admin configures a webhook (the secret is never shown
 * back), tests the connection while the receiver is down and again when it is up, sees an approved article's
 * delivery fail with the receiver's reason until it is dead-lettered, and retries it from the page. axe-core checks.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSyncBrowserTest extends ConsolePageTest {

    static final String SECRET = "geheimer-signaturschluessel-4711";

    @LocalServerPort
    int port;
    HttpServer receiver;
    final AtomicBoolean down = new AtomicBoolean(true);
    final List<String> delivered = new CopyOnWriteArrayList<>();
    TestApi api;
    TestApi.Tenant tenant;
    String base;
    SignIn admin;

    @Override
    String label() {
        return "console-sync";
    }

    @BeforeAll
    void start() throws IOException {
        BrowserSupport.assumeChromium();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.createContext("/hook", this::hook);
        receiver.start();
        api = new TestApi(port);
        tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        admin = tenantUser(api, tenant.slug(), "sync-admin", "TENANT_ADMIN");
        driver = BrowserSupport.start();
    }

    @AfterAll
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private void hook(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        byte[] answer;
        int status;
        if (down.get()) {
            status = 503;
            answer = "Wartungsarbeiten".getBytes(StandardCharsets.UTF_8);
        } else {
            TestApi.JSON.readTree(body).get("items").forEach(i -> delivered.add(i.get("deliveryId").asString()));
            status = 200;
            answer = "{}".getBytes(StandardCharsets.UTF_8);
        }
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Test
    void anAdminConfiguresAWebhookTestsItAndRetriesAFailedDelivery() throws Exception {
        showingFailure(this::walkThrough);
    }

    void walkThrough() throws Exception {
        signIn(port, admin);
        navigate("sync");

        // F13 asks for its Keycloak client; a webhook does not
        Select type = new Select(driver.findElement(By.id("sync-type")));
        type.selectByValue("f13");
        assertThat(driver.findElement(By.cssSelector("input[name=tokenUrl]")).isDisplayed()).isTrue();
        type.selectByValue("webhook");
        assertThat(driver.findElement(By.cssSelector("input[name=tokenUrl]")).isDisplayed()).isFalse();
        driver.findElement(By.cssSelector("#sync-form input[name=name]")).sendKeys("Landesportal");
        driver.findElement(By.cssSelector("#sync-form input[name=url]"))
                .sendKeys("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        driver.findElement(By.cssSelector("#sync-form input[name=secret]")).sendKeys(SECRET);
        driver.findElement(By.cssSelector("#sync-form button[type=submit]")).click();
        waitFor(20).until(d -> main().contains("Landesportal") && main().contains("••••"));
        assertThat(driver.getPageSource()).as("the secret is never shown back").doesNotContain(SECRET);
        check("targets");

        button("Verbindung testen: Landesportal");
        waitFor(30).until(d -> main().contains("Verbindung zu Landesportal gescheitert"));
        assertThat(driver.findElement(By.id("sync-result")).getText()).contains("HTTP 503").contains("Wartungsarbeiten");
        down.set(false);
        button("Verbindung testen: Landesportal");
        waitFor(30).until(d -> main().contains("Verbindung zu Landesportal in Ordnung"));
        assertThat(delivered).as("a test delivers nothing").isEmpty();

        // an approved article fails to arrive while the receiver is down, until it is dead-lettered
        down.set(true);
        String target = approveAnArticle();
        long deadline = System.currentTimeMillis() + 120_000;
        while (api.get(base + "/kb/sync-targets/" + target + "/items?status=dead", api.adminToken()).json().get("total")
                .asLong() < 1) {
            assertThat(System.currentTimeMillis()).as("dead-lettered in time").isLessThan(deadline);
            Thread.sleep(200);
        }
        driver.get("http://localhost:" + port + "/console#/sync?target=" + target);
        view("sync");
        waitFor(20).until(d -> d.findElements(By.id("sync-items")).size() == 1 && main().contains("Gescheitert"));
        String items = driver.findElement(By.id("sync-items")).getText();
        assertThat(items).contains("Ausweis verloren").contains("HTTP 503");
        check("items");

        down.set(false);
        button("Erneut versuchen: Landesportal");
        deadline = System.currentTimeMillis() + 120_000;
        while (delivered.isEmpty()) {
            assertThat(System.currentTimeMillis()).as("delivered after the retry").isLessThan(deadline);
            Thread.sleep(200);
        }
        driver.get("http://localhost:" + port + "/console#/sync?target=" + target + "&status=delivered");
        view("sync");
        waitFor(20).until(d -> d.findElement(By.id("sync-items")).getText().contains("Ausweis verloren"));
        assertThat(delivered).hasSize(1);
        assertThat(violations).as("axe-core serious/critical violations").isEmpty();
    }

    /** Editor writes, a reviewer approves: the approval queues the article for every target. */
    private String approveAnArticle() {
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String reviewer = api.userToken(tenant.slug(), Role.REVIEWER);
        String space = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice")).json().get("id").asString();
        TestApi.Response created = api.post(base + "/kb/articles", editor, Map.of("spaceId", space,
                "title", "Ausweis verloren", "body", "Einen verlorenen Ausweis melden Sie im Bürgerbüro."));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String article = base + "/kb/articles/" + created.json().get("id").asString();
        assertThat(api.post(article + "/submit", editor, Map.of()).status()).isEqualTo(200);
        assertThat(api.post(article + "/approve", reviewer, Map.of()).status()).isEqualTo(200);
        JsonNode targets = api.get(base + "/kb/sync-targets", editor).json();
        return targets.get(0).get("id").asString();
    }
}
