package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.OpenAiStub;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
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
 * The language-model page in real headless Chromium: a tenant admin adds an Azure OpenAI provider with its API version
 * (the field the type asks for; F13 asks for its Keycloak realm, OpenAI-compatible for neither), changes its model
 * without retyping the key (kept, never shown), switches it off and on, and removes the key. A viewer sees the list
 * without any action. axe-core checks each state.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleProvidersBrowserTest extends ConsolePageTest {

    static final String KEY = "sk-azure-geheim-4711";

    @LocalServerPort
    int port;
    OpenAiStub model;
    TestApi api;
    String base;
    SignIn admin;
    SignIn viewer;

    @Override
    String label() {
        return "console-providers";
    }

    @BeforeAll
    void start() {
        BrowserSupport.assumeChromium();
        model = new OpenAiStub();
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        admin = tenantUser(api, tenant.slug(), "llm-admin", "TENANT_ADMIN");
        viewer = tenantUser(api, tenant.slug(), "llm-viewer", "VIEWER");
        driver = BrowserSupport.start();
    }

    @AfterAll
    void stop() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void anAdminAddsEditsSwitchesOffAndRemovesTheKeyOfAProvider() throws Exception {
        showingFailure(this::walkThrough);
    }

    private WebElement versionField() {
        return driver.findElement(By.cssSelector("main form input[name=apiVersion]"));
    }

    private String versionLabel() {
        String id = versionField().getDomAttribute("id");
        return driver.findElement(By.cssSelector("main form label[for='" + id + "']")).getText();
    }

    private JsonNode stored() {
        JsonNode items = api.get(base + "/llm/providers", api.adminToken()).json().get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    void walkThrough() throws Exception {
        signIn(port, admin);
        navigate("providers");
        waitFor(20).until(d -> d.findElements(By.cssSelector("main form select[name=type]")).size() == 1);
        Select type = new Select(driver.findElement(By.cssSelector("main form select[name=type]")));
        assertThat(versionField().isDisplayed()).as("OpenAI-compatible has no API version").isFalse();
        type.selectByValue("f13");
        assertThat(versionField().isDisplayed()).isTrue();
        assertThat(versionLabel()).isEqualTo("Realm (Keycloak)");
        assertThat(main()).contains("als Client-ID:Client-Secret");
        type.selectByValue("azure-openai");
        assertThat(versionLabel()).isEqualTo("API-Version");
        assertThat(driver.findElement(By.cssSelector("main form input[name=piiProtection]")).isSelected())
                .as("a cloud provider: PII protection on by default").isTrue();
        check("new");

        type("main form input[name=name]", "Azure Kreis");
        type("main form input[name=baseUrl]", model.baseUri().toString());
        type("main form input[name=apiVersion]", "2024-06-01");
        type("main form input[name=defaultModel]", "gpt-4o");
        type("main form input[name=apiKey]", KEY);
        button("Speichern");
        waitFor(20).until(d -> main().contains("Bearbeiten: Azure Kreis"));
        JsonNode created = stored();
        assertThat(created.get("type").asString()).isEqualTo("azure-openai");
        assertThat(created.get("apiVersion").asString()).isEqualTo("2024-06-01");
        assertThat(created.get("hasApiKey").asBoolean()).isTrue();
        assertThat(created.get("piiProtection").asBoolean()).isTrue();
        String hint = created.get("apiKeyHint").asString();
        assertThat(driver.getPageSource()).as("the key is never shown back").doesNotContain(KEY);

        // edit: the form holds the provider, the key field is empty and says the stored key is kept
        button("Bearbeiten: Azure Kreis");
        waitFor(20).until(d -> main().contains("Anbieter bearbeiten: Azure Kreis"));
        assertThat(driver.findElement(By.cssSelector("main form input[name=apiKey]")).getDomProperty("value")).isEmpty();
        assertThat(versionField().getDomProperty("value")).isEqualTo("2024-06-01");
        assertThat(main()).contains("leer lassen behält ihn");
        check("edit");
        type("main form input[name=defaultModel]", "gpt-4o-mini");
        type("main form input[name=timeoutSeconds]", "30");
        button("Speichern");
        waitFor(20).until(d -> "gpt-4o-mini".equals(stored().get("defaultModel").asString()));
        JsonNode edited = stored();
        assertThat(edited.get("hasApiKey").asBoolean()).as("saving without typing the key keeps it").isTrue();
        assertThat(edited.get("apiKeyHint").asString()).isEqualTo(hint);
        assertThat(edited.get("timeoutSeconds").asInt()).isEqualTo(30);
        assertThat(edited.get("apiVersion").asString()).isEqualTo("2024-06-01");

        // switch off and on again
        waitFor(20).until(d -> main().contains("Ausschalten: Azure Kreis"));
        button("Ausschalten: Azure Kreis");
        waitFor(20).until(d -> main().contains("Einschalten: Azure Kreis"));
        assertThat(stored().get("enabled").asBoolean()).isFalse();
        assertThat(stored().get("hasApiKey").asBoolean()).isTrue();
        button("Einschalten: Azure Kreis");
        waitFor(20).until(d -> main().contains("Ausschalten: Azure Kreis"));
        assertThat(stored().get("enabled").asBoolean()).isTrue();

        // remove the key
        button("Bearbeiten: Azure Kreis");
        waitFor(20).until(d -> main().contains("Gespeicherten Schlüssel entfernen"));
        driver.findElements(By.cssSelector("main form label")).stream()
                .filter(l -> l.getText().equals("Gespeicherten Schlüssel entfernen")).findFirst().orElseThrow().click();
        button("Speichern");
        waitFor(20).until(d -> !stored().get("hasApiKey").asBoolean());
        assertThat(stored().get("defaultModel").asString()).isEqualTo("gpt-4o-mini");

        // a viewer sees the list, no form and no actions
        signOut();
        signIn(port, viewer);
        navigate("providers");
        waitFor(20).until(d -> main().contains("Azure Kreis"));
        assertThat(driver.findElements(By.cssSelector("main form"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("main table button"))).isEmpty();
        check("viewer");
        assertThat(violations).as("axe-core serious/critical violations").isEmpty();
    }
}
