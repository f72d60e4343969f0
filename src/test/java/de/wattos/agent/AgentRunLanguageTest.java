package de.wattos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A bare API run (no widget, no conversation) speaks its requester's language: {@code Accept-Language: en} gives the
 * English bundle texts for approval pending, denied (even when a German-speaking reviewer denies) and handoff; no
 * header, German or an unsupported language gives German. Extractive mode (no model), real HTTP and PostgreSQL.
 */
@IntegrationTest
class AgentRunLanguageTest {

    static final String DOG = "Ich habe einen neuen Hund. Wo melde ich ihn an?";
    static final String PERSON = "Ich möchte bitte mit einem Mitarbeiter sprechen.";

    @LocalServerPort
    int port;
    TestApi api;
    String runtime;
    String admin;

    @BeforeEach
    void tenantWithApprovalTool() {
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        runtime = "/api/v1/tenants/" + tenant.slug() + "/agent-runtime";
        assertThat(api.post(runtime + "/services", admin, Map.of("name", "Hundesteuer – Anmeldung eines Hundes", "kind", "form",
                "url", "https://www.example.de/hund", "office", "Steueramt", "keywords", List.of("Hund", "Hundemarke"))).status())
                .isEqualTo(201);
        assertThat(api.put(runtime + "/policy", admin, Map.of("approvalTools", List.of("service_link"))).status()).isEqualTo(200);
    }

    private JsonNode run(String question, String acceptLanguage) {
        HttpRequest.Builder request = api.builder(runtime + "/runs", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestApi.JSON.writeValueAsString(Map.of("question", question))));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        TestApi.Response r = api.send(request);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private String approvalOf(JsonNode run) {
        return api.get(runtime + "/approvals?status=pending", admin).json().get("items").valueStream()
                .filter(a -> a.get("runId").asString().equals(run.get("id").asString())).findFirst().orElseThrow()
                .get("id").asString();
    }

    @Test
    void englishRequestersReadEnglishTexts() {
        JsonNode paused = run(DOG, "en-GB,en;q=0.9");
        assertThat(paused.get("status").asString()).isEqualTo("awaiting_approval");
        assertThat(paused.get("answer").asString()).isEqualTo("Your request is being reviewed by a member of staff.");
        // the reviewer's own console language does not matter: the run was asked in English
        TestApi.Response denied = api.post(runtime + "/approvals/" + approvalOf(paused) + "/deny", admin, Map.of("note", "Nein."));
        assertThat(denied.status()).as(denied.body()).isEqualTo(200);
        assertThat(denied.json().get("answer").asString()).startsWith("Unfortunately this request could not be approved.");
        assertThat(api.get(runtime + "/runs/" + paused.get("id").asString(), admin).json().get("answer").asString())
                .startsWith("Unfortunately this request could not be approved.");

        JsonNode handedOver = run(PERSON, "en");
        assertThat(handedOver.get("status").asString()).isEqualTo("handed_over");
        assertThat(handedOver.get("answer").asString())
                .isEqualTo("I am connecting you with a member of staff. Please bear with us for a moment.");
    }

    @Test
    void germanIsTheDefault() {
        for (String language : new String[] {null, "de-DE", "fr"}) {
            JsonNode paused = run(DOG, language);
            assertThat(paused.get("answer").asString()).as(String.valueOf(language))
                    .isEqualTo("Ihre Anfrage wird von einem Mitarbeiter geprüft.");
            TestApi.Response denied = api.send(api.builder(runtime + "/approvals/" + approvalOf(paused) + "/deny", admin)
                    .header("Content-Type", "application/json").header("Accept-Language", "en")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(denied.status()).as(denied.body()).isEqualTo(200);
            assertThat(denied.json().get("answer").asString()).as("an English reviewer, a German run")
                    .startsWith("Diese Anfrage konnte leider nicht freigegeben werden.");
            JsonNode handedOver = run(PERSON, language);
            assertThat(handedOver.get("answer").asString())
                    .isEqualTo("Ich verbinde Sie mit einer Mitarbeiterin oder einem Mitarbeiter. Bitte haben Sie einen Moment Geduld.");
        }
    }
}
