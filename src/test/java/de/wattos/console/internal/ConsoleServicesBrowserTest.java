package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The service catalogue (Leistungen) in real headless Chromium: an editor adds a service with its link, office, fees,
 * documents and keywords (a bad link is refused at its field), finds it with a citizen's words, changes and deletes it;
 * a viewer sees the list without the form or any action. axe-core checks each state.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleServicesBrowserTest extends ConsolePageTest {

    @LocalServerPort
    int port;
    TestApi api;
    String base;
    SignIn editor;
    SignIn viewer;

    @Override
    String label() {
        return "console-services";
    }

    @BeforeAll
    void start() {
        BrowserSupport.assumeChromium();
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug() + "/agent-runtime/services";
        editor = tenantUser(api, tenant.slug(), "redaktion", "EDITOR");
        viewer = tenantUser(api, tenant.slug(), "lesend", "VIEWER");
        driver = BrowserSupport.start();
    }

    private JsonNode entries() {
        return api.get(base, api.adminToken()).json().get("items");
    }

    @Test
    void anEditorMaintainsTheServiceCatalogueAndAViewerReadsIt() throws Exception {
        showingFailure(() -> {
            signIn(port, editor);
            navigate("services");
            waitFor(20).until(d -> d.findElements(By.cssSelector("#svc-form")).size() == 1);
            check("empty");

            type("#svc-form input[name=name]", "Gewerbeanmeldung");
            new Select(driver.findElement(By.cssSelector("#svc-form select[name=kind]"))).selectByValue("online_service");
            type("#svc-form input[name=url]", "ftp://gewerbe.example");
            type("#svc-form input[name=office]", "Bürgerbüro, Zimmer 12");
            type("#svc-form input[name=fees]", "26 Euro");
            type("#svc-form input[name=documents]", "Personalausweis, Handwerkskarte");
            type("#svc-form input[name=keywords]", "Gewerbe, Betrieb, Firma");
            driver.findElement(By.cssSelector("#svc-form button[type=submit]")).click();
            waitFor(20).until(d -> "true".equals(d.findElement(By.cssSelector("#svc-form input[name=url]")).getDomAttribute("aria-invalid")));
            assertThat(entries()).isEmpty();

            type("#svc-form input[name=url]", "https://www.gemeinde.example/gewerbe");
            driver.findElement(By.cssSelector("#svc-form button[type=submit]")).click();
            waitFor(20).until(d -> main().contains("Bearbeiten: Gewerbeanmeldung"));
            JsonNode saved = entries().get(0);
            assertThat(saved.get("kind").asString()).isEqualTo("online_service");
            assertThat(saved.get("fees").asString()).isEqualTo("26 Euro");
            assertThat(saved.get("documents").toString()).isEqualTo("[\"Personalausweis\",\"Handwerkskarte\"]");
            assertThat(saved.get("keywords").toString()).isEqualTo("[\"Gewerbe\",\"Betrieb\",\"Firma\"]");
            assertThat(main()).contains("Online-Dienst").contains("Bürgerbüro, Zimmer 12");
            check("saved");

            // a citizen's words find it
            type("form[role=search] input[name=q]", "Ich will eine Firma gründen");
            driver.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
            waitFor(20).until(d -> text("#svc-found").contains("Gewerbeanmeldung (Online-Dienst)"));

            // change it
            button("Bearbeiten: Gewerbeanmeldung");
            waitFor(20).until(d -> main().contains("Leistung bearbeiten: Gewerbeanmeldung"));
            type("#svc-form input[name=fees]", "31 Euro");
            driver.findElement(By.cssSelector("#svc-form button[type=submit]")).click();
            waitFor(20).until(d -> "31 Euro".equals(entries().get(0).get("fees").asString()));
            assertThat(entries()).hasSize(1);

            // a viewer reads it
            signOut();
            signIn(port, viewer);
            navigate("services");
            waitFor(20).until(d -> main().contains("Gewerbeanmeldung"));
            assertThat(driver.findElements(By.cssSelector("#svc-form"))).isEmpty();
            assertThat(driver.findElements(By.cssSelector("main table button"))).isEmpty();
            check("viewer");

            // the editor deletes it
            signOut();
            signIn(port, editor);
            navigate("services");
            waitFor(20).until(d -> main().contains("Löschen: Gewerbeanmeldung"));
            button("Löschen: Gewerbeanmeldung");
            driver.switchTo().alert().accept();
            waitFor(20).until(d -> !main().contains("Löschen: Gewerbeanmeldung"));
            assertThat(entries()).isEmpty();
            assertThat(violations).as("axe-core serious/critical violations").isEmpty();
        });
    }
}
