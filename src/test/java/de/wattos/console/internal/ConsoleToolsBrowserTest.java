package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Agent tools in real headless Chromium: a tenant admin adds an {@code http_request} tool against an outside API (a
 * loopback server) with a secret that never comes back (a configuration that is not JSON is refused at its field),
 * tries it out, registers WattOS's own MCP endpoint as an MCP server, loads the tools it offers and picks one, then
 * deletes both. A viewer sees the tools without any form or action. axe-core checks each state.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleToolsBrowserTest extends ConsolePageTest {

    static final String SECRET = "geheim-token-0815";

    @LocalServerPort
    int port;
    TestApi api;
    String base;
    String apiKey;
    SignIn admin;
    SignIn viewer;
    HttpServer outside;
    final AtomicReference<String> seenAuthorization = new AtomicReference<>();

    @Override
    String label() {
        return "console-tools";
    }

    @BeforeAll
    void start() throws IOException {
        BrowserSupport.assumeChromium();
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug() + "/agent-runtime";
        apiKey = api.apiKey(tenant.slug(), Role.VIEWER);
        admin = tenantUser(api, tenant.slug(), "verwaltung", "TENANT_ADMIN");
        viewer = tenantUser(api, tenant.slug(), "lesend", "VIEWER");
        outside = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        outside.createContext("/antraege", ex -> {
            seenAuthorization.set(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"data\":{\"state\":\"in Bearbeitung\"}}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        outside.start();
        driver = BrowserSupport.start();
    }

    @AfterAll
    void stop() {
        if (outside != null) {
            outside.stop(0);
        }
    }

    private void setArea(String css, String value) {
        WebElement area = driver.findElement(By.cssSelector(css));
        area.clear();
        area.sendKeys(value);
    }

    private JsonNode tools() {
        return api.get(base + "/tools", api.adminToken()).json();
    }

    @Test
    void anAdminAddsTriesAndRemovesAToolAndAnMcpServer() throws Exception {
        showingFailure(() -> {
            signIn(port, admin);
            navigate("tools");
            waitFor(20).until(d -> text("#tools-available").contains("knowledge_search"));
            assertThat(text("#tools-available")).contains("service_link");
            check("empty");

            String outsideUrl = "http://127.0.0.1:" + outside.getAddress().getPort();
            type("#tool-form input[name=name]", "antrag_status");
            type("#tool-form input[name=description]", "Bearbeitungsstand eines Antrags");
            setArea("#tool-form textarea[name=config]", "{ kein JSON");
            setArea("#tool-form textarea[name=secrets]", "token=" + SECRET);
            driver.findElement(By.cssSelector("#tool-form button[type=submit]")).click();
            waitFor(20).until(d -> "true".equals(d.findElement(By.cssSelector("#tool-form textarea[name=config]")).getDomAttribute("aria-invalid")));
            assertThat(tools().get("items")).isEmpty();

            setArea("#tool-form textarea[name=config]", "{\"method\": \"GET\", \"url\": \"" + outsideUrl + "/antraege?nr={{caseId}}\","
                    + " \"headers\": {\"Authorization\": \"Bearer {{secret.token}}\"}, \"responseMapping\": {\"status\": \"/data/state\"},"
                    + " \"allowedHosts\": [\"127.0.0.1\"], \"timeoutMs\": 5000, \"maxBytes\": 2000, \"parameters\": {\"type\": \"object\","
                    + " \"properties\": {\"caseId\": {\"type\": \"string\", \"maxLength\": 20}}, \"required\": [\"caseId\"]}}");
            driver.findElement(By.cssSelector("#tool-form button[type=submit]")).click();
            waitFor(20).until(d -> main().contains("Bearbeiten: antrag_status"));
            assertThat(driver.getPageSource()).as("the secret never comes back").doesNotContain(SECRET);
            assertThat(tools().get("items").get(0).get("secretHints").has("token")).isTrue();
            check("tool");

            // try it as an agent would
            new Select(driver.findElement(By.cssSelector("#tool-try select[name=tool]"))).selectByValue("antrag_status");
            setArea("#tool-try textarea[name=arguments]", "{\"caseId\": \"A 17/26\"}");
            driver.findElement(By.cssSelector("#tool-try button[type=submit]")).click();
            waitFor(20).until(d -> text("#tool-result").contains("in Bearbeitung"));
            assertThat(text("#tool-result")).startsWith("Ergebnis: ok");
            assertThat(seenAuthorization.get()).isEqualTo("Bearer " + SECRET);

            // WattOS's own MCP endpoint as an MCP server of this tenant, one of its tools picked
            type("#mcp-form input[name=name]", "wattos");
            type("#mcp-form input[name=url]", "http://127.0.0.1:" + port + "/mcp");
            type("#mcp-form input[name=token]", apiKey);
            type("#mcp-form input[name=timeoutMs]", "30000");
            driver.findElement(By.cssSelector("#mcp-form button[type=submit]")).click();
            waitFor(30).until(d -> main().contains("Angebotene Werkzeuge laden: wattos"));
            assertThat(driver.getPageSource()).doesNotContain(apiKey);
            button("Angebotene Werkzeuge laden: wattos");
            waitFor(30).until(d -> d.findElements(By.cssSelector("#mcp-offered-wattos input[name=pick]")).size() >= 2);
            driver.findElements(By.cssSelector("#mcp-offered-wattos label")).stream()
                    .filter(l -> l.getText().startsWith("wattos_search")).findFirst().orElseThrow().click();
            check("mcp-offered");
            button("Auswahl speichern: wattos");
            waitFor(30).until(d -> text("#tools-available").contains("wattos__wattos_search"));
            JsonNode server = api.get(base + "/mcp-servers", api.adminToken()).json().get("items").get(0);
            assertThat(server.get("tools").get(0).get("name").asString()).isEqualTo("wattos__wattos_search");

            // a viewer sees the tools only
            signOut();
            signIn(port, viewer);
            navigate("tools");
            waitFor(20).until(d -> main().contains("antrag_status") && main().contains("wattos__wattos_search"));
            assertThat(driver.findElements(By.cssSelector("main form"))).isEmpty();
            assertThat(driver.findElements(By.cssSelector("main table button"))).isEmpty();
            check("viewer");

            // the admin removes both
            signOut();
            signIn(port, admin);
            navigate("tools");
            waitFor(20).until(d -> main().contains("Löschen: antrag_status"));
            button("Löschen: antrag_status");
            driver.switchTo().alert().accept();
            waitFor(20).until(d -> !main().contains("Löschen: antrag_status"));
            button("Löschen: wattos");
            driver.switchTo().alert().accept();
            waitFor(20).until(d -> !main().contains("Löschen: wattos"));
            assertThat(tools().get("items")).isEmpty();
            assertThat(api.get(base + "/mcp-servers", api.adminToken()).json().get("items")).isEmpty();
            assertThat(violations).as("axe-core serious/critical violations").isEmpty();
        });
    }
}
