package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.agent.AgentFixtures;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Deleting what the character pages made, in real headless Chromium: an agent, a persona and a character go after a
 * confirmation naming them; the tenant's default character is refused with the reason shown. axe-core on each page.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleCharacterDeletionBrowserTest extends ConsolePageTest {

    @LocalServerPort
    int port;
    TestApi api;
    String base;
    String editorToken;
    SignIn editor;
    String agentName;
    String defaultCharacter;
    String spareCharacter;

    @Override
    String label() {
        return "console-character-deletion";
    }

    @BeforeAll
    void start() throws Exception {
        BrowserSupport.assumeChromium();
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        editorToken = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        editor = tenantUser(api, tenant.slug(), "verwaltung", "TENANT_ADMIN");
        JsonNode agent = AgentFixtures.agent(api, base, editorToken);
        agentName = api.get(base + "/agents/" + agent.get("id").asString(), editorToken).json().get("agent").get("name").asString();
        JsonNode characters = api.get(base + "/characters", editorToken).json().get("items");
        defaultCharacter = characters.get(0).get("character").get("name").asString();
        JsonNode proposal = api.post(base + "/characters/define", editorToken, Map.of("prompt",
                "Sachlicher Assistent des Bauamts, siezt, knapp")).json().get("character");
        ((tools.jackson.databind.node.ObjectNode) proposal).put("name", "Bauamt-Assistenz");
        TestApi.Response spare = api.post(base + "/characters", editorToken, proposal);
        assertThat(spare.status()).as(spare.toString()).isEqualTo(201);
        spareCharacter = "Bauamt-Assistenz";
        driver = BrowserSupport.start();
    }

    private long count(String path) {
        return api.get(base + path, editorToken).json().get("items").size();
    }

    @Test
    void anAgentAPersonaAndACharacterAreDeletedAndTheDefaultCharacterIsRefused() throws Exception {
        showingFailure(() -> {
            signIn(port, editor);
            navigate("agents");
            waitFor(30).until(d -> main().contains("Löschen: " + agentName));
            check("agents");
            button("Löschen: " + agentName);
            driver.switchTo().alert().accept();
            waitFor(20).until(d -> !main().contains("Löschen: " + agentName));
            assertThat(count("/agents")).isZero();

            navigate("personas");
            long personas = count("/personas");
            assertThat(personas).isPositive();
            String persona = api.get(base + "/personas", editorToken).json().get("items").get(0).get("persona").get("name").asString();
            waitFor(30).until(d -> main().contains("Löschen: " + persona));
            check("personas");
            button("Löschen: " + persona);
            driver.switchTo().alert().accept();
            waitFor(20).until(d -> count("/personas") == personas - 1);

            navigate("characters");
            waitFor(20).until(d -> main().contains("Löschen: " + spareCharacter));
            check("characters");
            button("Löschen: " + defaultCharacter);
            driver.switchTo().alert().accept();
            waitFor(20).until(d -> !text("#toast").isBlank());
            assertThat(count("/characters")).as("the default character stays").isEqualTo(2);
            button("Löschen: " + spareCharacter);
            driver.switchTo().alert().accept();
            waitFor(20).until(d -> !main().contains("Löschen: " + spareCharacter));
            assertThat(count("/characters")).isEqualTo(1);
            assertThat(violations).as("axe-core serious/critical violations").isEmpty();
        });
    }
}
