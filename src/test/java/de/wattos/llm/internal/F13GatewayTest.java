package de.wattos.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelResponse;
import de.wattos.llm.internal.contract.F13Stub;
import de.wattos.llm.internal.extractive.Groundings;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub;
import de.wattos.support.ProviderStub.Failure;
import de.wattos.support.ProviderStub.Garbage;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * F13 as a provider of the real gateway (type {@code f13}, key = Keycloak client): it answers with its token, and
 * when it refuses (422), its permission service is down (503) or it answers garbage, the failure is
 * recorded and the next provider answers — the caller never sees F13's error.
 */
@IntegrationTest
class F13GatewayTest {

    @Autowired
    LanguageModels models;

    @Autowired
    TestProviders providers;

    @Autowired
    JdbcClient jdbc;

    private final TenantRef tenant = new TenantRef(Ids.newId(), "f13-gateway", "de", ZoneId.of("Europe/Berlin"));
    private final F13Stub f13 = new F13Stub();
    private final OpenAiStub reserve = new OpenAiStub();

    @AfterEach
    void stop() {
        f13.close();
        reserve.close();
    }

    private ModelResponse complete(String question) {
        return TenantContext.callAs(tenant, () -> models.complete(new ModelRequest(List.of(
                new ModelMessage(ModelMessage.Role.SYSTEM, "Antworte aus den Quellen."),
                new ModelMessage(ModelMessage.Role.USER, question)), null, 0.1, 200, Groundings.of(question), "chat")));
    }

    private List<String> calls() {
        return jdbc.sql("select provider, outcome, error_code from llm_calls where tenant_id = ? order by created_at, id")
                .param(tenant.id()).query().listOfRows().stream()
                .map((Map<String, Object> c) -> c.get("provider") + ":" + c.get("outcome") + ":" + c.get("error_code")).toList();
    }

    @Test
    void f13AnswersWithItsTokenAndFallsBackOnItsErrors() {
        TenantContext.runAs(tenant, () -> {
            providers.add("f13", "f13", f13.baseUri(), "wattos:geheim", 10, true, 5);
            providers.add("reserve", "openai", reserve.baseUri(), 0, false, 5);
        });
        f13.enqueue(new ProviderStub.Answer(List.of("Das Rathaus liegt am Marktplatz."), 30, 8, null),
                new Failure(422, "validation", "Unprocessable Entity", null),
                new Failure(503, "unavailable", "Permission service unavailable", null),
                new Garbage("x"));
        ModelResponse first = complete("Wo ist das Rathaus?");
        assertThat(first.provider()).isEqualTo("f13");
        assertThat(first.text()).isEqualTo("Das Rathaus liegt am Marktplatz.");
        assertThat(f13.lastChat().header("authorization")).isEqualTo("Bearer f13-token-1");
        assertThat(f13.lastChat().json().path("messages").path(0).path("content").asString())
                .startsWith("Antworte aus den Quellen.").endsWith("Wo ist das Rathaus?");
        for (int i = 0; i < 4; i++) { // the fourth finds F13's breaker open after three failures in a row
            assertThat(complete("Frage " + i).provider()).isEqualTo("reserve");
        }
        assertThat(calls()).containsExactly("f13:ok:null",
                "f13:error:provider_error", "reserve:ok:null",
                "f13:error:provider_unavailable", "reserve:ok:null",
                "f13:error:malformed_response", "reserve:ok:null",
                "reserve:ok:null");
        assertThat(f13.chatRequests.get()).isEqualTo(4);
        assertThat(f13.tokensIssued.get()).as("one cached token for all calls").isEqualTo(1);
    }
}
