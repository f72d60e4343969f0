package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.Indexing;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Keeping knowledge spaces tidy in real headless Chromium: an editor removes a website source (after a confirmation
 * naming it), renames the space and deletes it with everything in it; a viewer sees a space without any of these
 * actions. axe-core checks each state.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSpaceManagementBrowserTest extends ConsolePageTest {

    @LocalServerPort
    int port;
    TestApi api;
    String base;
    String editorToken;
    SignIn editor;
    SignIn viewer;

    @Override
    String label() {
        return "console-spaces";
    }

    @BeforeAll
    void start() {
        BrowserSupport.assumeChromium();
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        editorToken = api.userToken(tenant.slug(), Role.EDITOR);
        editor = tenantUser(api, tenant.slug(), "redaktion", "EDITOR");
        viewer = tenantUser(api, tenant.slug(), "lesend", "VIEWER");
        driver = BrowserSupport.start();
    }

    private String space(String name) throws InterruptedException {
        String space = api.post(base + "/spaces", editorToken, Map.of("name", name)).json().get("id").asString();
        TestApi.Response upload = api.multipart(base + "/spaces/" + space + "/documents", editorToken, "files",
                Map.of("oeffnungszeiten.txt", "Das Rathaus ist montags von 8 bis 12 Uhr geöffnet.".getBytes(StandardCharsets.UTF_8)));
        Indexing.awaitIndexed(api, base, editorToken, upload.json().get("items").get(0).get("id").asString());
        TestApi.Response source = api.post(base + "/spaces/" + space + "/sources", editorToken,
                Map.of("type", "website", "name", "Alte Website", "startUrls", List.of("http://127.0.0.1:9/")));
        assertThat(source.status()).as(source.toString()).isEqualTo(201);
        return space;
    }

    @Test
    void anEditorRemovesASourceRenamesAndDeletesASpaceAndAViewerCannot() throws Exception {
        String space = space("Bürgerservice");
        String other = space("Bauamt");
        showingFailure(() -> {
            signIn(port, editor);
            driver.get("http://localhost:" + port + "/console#/spaces/" + space);
            view("space");
            waitFor(20).until(d -> main().contains("Entfernen: Alte Website"));
            check("space");

            button("Entfernen: Alte Website");
            assertThat(driver.switchTo().alert().getText()).contains("„Alte Website“");
            driver.switchTo().alert().accept();
            waitFor(20).until(d -> !main().contains("Entfernen: Alte Website"));
            assertThat(api.get(base + "/spaces/" + space + "/sources", editorToken).json().get("items")).isEmpty();

            driver.findElement(By.cssSelector("#space-settings summary")).click();
            type("#space-edit input[name=name]", "Bürgerservice Nord");
            type("#space-edit input[name=description]", "Anliegen im Norden des Kreises");
            driver.findElement(By.cssSelector("#space-edit button[type=submit]")).click();
            waitFor(20).until(d -> text("h1").equals("Wissensbereich: Bürgerservice Nord"));
            assertThat(api.get(base + "/spaces/" + space, editorToken).json().get("description").asString())
                    .isEqualTo("Anliegen im Norden des Kreises");
            check("renamed");

            // an empty name is refused at its field, nothing changes
            driver.findElement(By.cssSelector("#space-settings summary")).click();
            type("#space-edit input[name=name]", " ");
            driver.findElement(By.cssSelector("#space-edit button[type=submit]")).click();
            waitFor(20).until(d -> !d.findElements(By.cssSelector("#space-edit [aria-invalid=true]")).isEmpty());
            assertThat(api.get(base + "/spaces/" + space, editorToken).json().get("name").asString()).isEqualTo("Bürgerservice Nord");

            button("Wissensbereich löschen");
            assertThat(driver.switchTo().alert().getText()).contains("„Bürgerservice Nord“");
            driver.switchTo().alert().accept();
            view("spaces");
            waitFor(20).until(d -> main().contains("Bauamt") && !main().contains("Bürgerservice Nord"));
            assertThat(api.get(base + "/spaces/" + space, editorToken).status()).isEqualTo(404);

            // a viewer looks only
            signOut();
            signIn(port, viewer);
            driver.get("http://localhost:" + port + "/console#/spaces/" + other);
            view("space");
            waitFor(20).until(d -> main().contains("Alte Website"));
            waitFor(20).until(d -> !d.findElements(By.cssSelector(".doc-list tbody tr")).isEmpty());
            assertThat(main()).doesNotContain("Entfernen:").doesNotContain("Crawl starten")
                    .doesNotContain("Website hinzufügen").doesNotContain("Wissensbereich bearbeiten")
                    .doesNotContain("Dateien hochladen").doesNotContain("Artikelentwurf");
            assertThat(driver.findElements(By.cssSelector("main button.danger"))).isEmpty();
            check("viewer");
            assertThat(violations).as("axe-core serious/critical violations").isEmpty();
        });
    }
}
