package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.llm.internal.contract.F13RagStub;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The F13 connection page in real headless Chromium, against a loopback F13 with its Keycloak: a tenant admin finds
 * no connection, enters one (an address the URL guard refuses is shown at its field), saves it (the client secret is
 * never shown back, only its hint), loads F13's sources and restricts retrieval to one, and runs a test search that
 * shows F13's answer and source. A viewer sees the connection but cannot change it. axe-core checks each state.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleF13BrowserTest extends ConsolePageTest {

    static final String SECRET = "geheim"; // what the stub's Keycloak accepts for client "wattos"

    @LocalServerPort
    int port;
    F13RagStub f13;
    TestApi api;
    TestApi.Tenant tenant;
    String base;
    SignIn admin;
    SignIn viewer;

    @Override
    String label() {
        return "console-f13";
    }

    @BeforeAll
    void start() {
        BrowserSupport.assumeChromium();
        f13 = new F13RagStub();
        api = new TestApi(port);
        tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        admin = tenantUser(api, tenant.slug(), "f13-admin", "TENANT_ADMIN");
        viewer = tenantUser(api, tenant.slug(), "f13-viewer", "VIEWER");
        driver = BrowserSupport.start();
    }

    @AfterAll
    void stop() {
        if (f13 != null) {
            f13.close();
        }
    }

    @Test
    void anAdminConnectsF13ChoosesItsSourcesAndTriesASearch() throws Exception {
        showingFailure(this::walkThrough);
    }

    void walkThrough() throws Exception {
        signIn(port, admin);
        navigate("f13");
        waitFor(20).until(d -> d.findElements(By.id("f13-none")).size() == 1);
        assertThat(main()).contains("Noch keine F13-Verbindung eingerichtet.");
        check("empty");

        // an address the guard refuses: the server's reason at the form, nothing saved
        type("#f13-form input[name=baseUrl]", "ftp://f13.example");
        type("#f13-form input[name=clientId]", "wattos");
        type("#f13-form input[name=clientSecret]", SECRET);
        button("Verbindung speichern");
        waitFor(20).until(d -> !d.findElement(By.cssSelector("#f13-form .form-error")).getText().isBlank());
        assertThat(api.get(base + "/f13/settings", api.adminToken()).status()).isEqualTo(409);

        type("#f13-form input[name=baseUrl]", f13.baseUri().toString());
        type("#f13-form input[name=chatModel]", "f13-modell");
        driver.findElement(By.cssSelector("label[for=f13-ragEnabled]")).click();
        button("Verbindung speichern");
        waitFor(20).until(d -> d.findElements(By.id("f13-none")).isEmpty() && main().contains("Gespeichert:"));
        assertThat(driver.getPageSource()).as("the secret is never shown back").doesNotContain("value=\"" + SECRET + "\"")
                .doesNotContain(">" + SECRET + "<");
        assertThat(driver.findElement(By.cssSelector("#f13-form input[name=clientSecret]")).getDomProperty("value")).isEmpty();
        JsonNode saved = api.get(base + "/f13/settings", api.adminToken()).json();
        assertThat(saved.get("clientId").asString()).isEqualTo("wattos");
        assertThat(saved.get("hasClientSecret").asBoolean()).isTrue();
        assertThat(saved.get("ragEnabled").asBoolean()).isTrue();
        assertThat(saved.get("chatModel").asString()).isEqualTo("f13-modell");
        assertThat(main()).contains("Alle Quellen von F13 werden durchsucht.");

        // F13's sources, one chosen
        button("Quellen von F13 laden");
        waitFor(20).until(d -> d.findElements(By.cssSelector("#f13-sources input[name=ragSource]")).size() == 3);
        List<String> offered = driver.findElements(By.cssSelector("#f13-sources label")).stream().map(WebElement::getText).toList();
        assertThat(offered).containsExactly("Landesrecht", "Kommunalrecht", "Förderprogramme");
        check("sources");
        driver.findElements(By.cssSelector("#f13-sources label")).stream().filter(l -> l.getText().equals("Kommunalrecht"))
                .findFirst().orElseThrow().click();
        button("Verbindung speichern");
        waitFor(20).until(d -> main().contains("Durchsucht werden nur: Kommunalrecht"));
        assertThat(api.get(base + "/f13/settings", api.adminToken()).json().get("ragSources").toString())
                .isEqualTo("[\"Kommunalrecht\"]");
        assertThat(api.get(base + "/f13/settings", api.adminToken()).json().get("hasClientSecret").asBoolean())
                .as("saving without typing the secret keeps it").isTrue();

        // a test search: F13's answer and its source, and F13 was asked only in the chosen source
        type("form[role=search] input[name=query]", "Hundesteuer?");
        button("In F13 suchen");
        waitFor(30).until(d -> d.findElement(By.id("f13-answer")).getText().contains("Antwort auf: Hundesteuer?"));
        WebElement source = driver.findElement(By.cssSelector("#f13-answer a"));
        assertThat(source.getText()).isEqualTo("Hundesteuersatzung");
        assertThat(source.getDomAttribute("href")).isEqualTo("https://land.example/hundesteuer");
        JsonNode asked = f13.received.stream().filter(r -> r.path().equals("/rag/database")).reduce((a, b) -> b).orElseThrow().json();
        assertThat(asked.get("sources").toString()).isEqualTo("[\"Kommunalrecht\"]");
        check("search");

        // a viewer sees it and cannot change it
        signOut();
        signIn(port, viewer);
        navigate("f13");
        waitFor(20).until(d -> main().contains("Nur Mandanten-Administratoren können die Verbindung ändern."));
        assertThat(driver.findElement(By.cssSelector("#f13-form input[name=baseUrl]")).isEnabled()).isFalse();
        assertThat(driver.findElements(By.cssSelector("#f13-form button[type=submit]"))).isEmpty();
        assertThat(main()).contains("Durchsucht werden nur: Kommunalrecht");
        check("viewer");
        assertThat(violations).as("axe-core serious/critical violations").isEmpty();
    }
}
