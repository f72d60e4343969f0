package de.wattos.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import de.wattos.IntegrationTest;
import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelException;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelResponse;
import de.wattos.llm.internal.contract.AnthropicStub;
import de.wattos.llm.internal.contract.OllamaStub;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub;
import de.wattos.llm.internal.extractive.Groundings;
import de.wattos.llm.internal.usage.Budgets;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class GatewayBudgetAndPiiTest {

    @Autowired
    LanguageModels models;

    @Autowired
    TestProviders providers;

    @Autowired
    Budgets budgets;

    @Autowired
    JdbcClient jdbc;

    private final TenantRef tenant = new TenantRef(Ids.newId(), "budget", "de", ZoneId.of("Europe/Berlin"));
    private final List<ProviderStub> stubs = new ArrayList<>();

    @AfterEach
    void stopStubs() {
        stubs.forEach(ProviderStub::close);
    }

    private <S extends ProviderStub> S stub(S s) {
        stubs.add(s);
        return s;
    }

    private static ModelRequest request(String question) {
        return new ModelRequest(List.of(new ModelMessage(ModelMessage.Role.USER, question)), null, null, null,
                Groundings.of(question), "chat");
    }

    // ------------------------------------------------------------------ budget

    @Test
    void aSpentTokenBudgetSwitchesToTheExtractiveAnswerer() {
        OpenAiStub provider = stub(new OpenAiStub());
        TenantContext.runAs(tenant, () -> {
            providers.add("openai", "openai", provider.baseUri(), 1, true, 5);
            budgets.save(new Budgets.Budget(100L, null, true));
        });
        provider.always(new ProviderStub.Answer(List.of("Antwort"), 60, 1, null)); // 61 tokens a call
        assertThat(TenantContext.callAs(tenant, () -> models.complete(request("Erste Frage"))).provider()).isEqualTo("openai");
        assertThat(TenantContext.callAs(tenant, () -> models.complete(request("Zweite Frage"))).provider()).isEqualTo("openai");
        ModelResponse third = TenantContext.callAs(tenant, () -> models.complete(request("Wie hoch ist die Hundesteuer?")));
        assertThat(third.extractive()).isTrue();
        assertThat(third.text()).contains("96 Euro").contains("[1]");
        assertThat(provider.chatRequests.get()).isEqualTo(2);
        assertThat(jdbc.sql("select outcome from llm_calls where tenant_id = ? order by created_at desc, id desc limit 1")
                .param(tenant.id()).query(String.class).single()).isEqualTo("budget_extractive");
    }

    @Test
    void aSpentBudgetWithoutExtractiveFallbackIsRefused() throws Exception {
        OpenAiStub provider = stub(new OpenAiStub());
        TenantContext.runAs(tenant, () -> {
            providers.add("openai", "openai", provider.baseUri(), 1, true, 5);
            budgets.save(new Budgets.Budget(10L, null, false));
        });
        TenantContext.callAs(tenant, () -> models.complete(request("Erste Frage")));
        ModelException e = catchThrowableOfType(ModelException.class,
                () -> TenantContext.callAs(tenant, () -> models.complete(request("Zweite Frage"))));
        assertThat(e.code()).isEqualTo("budget_exceeded");
        RecordingHandler h = new RecordingHandler();
        TenantContext.runAs(tenant, () -> models.stream(request("Dritte Frage"), h));
        h.await();
        assertThat(h.error.code()).isEqualTo("budget_exceeded");
        assertThat(h.deltas).isEmpty();
        assertThat(provider.chatRequests.get()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from llm_calls where tenant_id = ? and outcome = 'refused' and error_code = 'budget_exceeded'")
                .param(tenant.id()).query(Long.class).single()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ PII

    private static final String EMAIL = "anna.beispiel@gmx.de";
    private static final String PHONE = "0151 23456789";
    private static final String IBAN = "DE89 3704 0044 0532 0130 00";
    private static final String STEUER_ID = "86 095 742 719";
    private static final String SV = "15 070649 C 103";
    private static final String AUSWEIS = "L01X00T47";
    private static final String CARD = "4111 1111 1111 1111";
    private static final String BIRTH = "12.03.1985";

    private static final String CITIZEN_MESSAGE = "Guten Tag, ich bin Anna Beispiel, geboren am " + BIRTH + ". Mein "
            + "Personalausweis hat die Nummer " + AUSWEIS + ", meine Steuer-ID ist " + STEUER_ID + " und meine "
            + "Sozialversicherungsnummer " + SV + ". Bitte buchen Sie die Hundesteuer von " + IBAN + " ab oder von "
            + "meiner Kreditkarte " + CARD + ". Rückfragen an " + EMAIL + " oder " + PHONE + ".";

    @Test
    void noRawPersonalDataReachesAnExternalProviderAndTheAnswerIsRestored() throws Exception {
        AnthropicStub provider = stub(new AnthropicStub());
        TenantContext.runAs(tenant, () -> providers.add("claude", "anthropic", provider.baseUri(), 1, true, 5));
        // the model answers with placeholders, split across deltas
        provider.enqueue(new ProviderStub.Answer(List.of("Wir melden uns unter [EMA", "IL_1] bzw. [TELE", "FON_1", "]. ",
                "Die Abbuchung erfolgt von [IBAN_1]."), 80, 12, null));
        RecordingHandler h = new RecordingHandler();
        TenantContext.runAs(tenant, () -> models.stream(new ModelRequest(List.of(
                new ModelMessage(ModelMessage.Role.SYSTEM, "Du bist das Bürgerbüro."),
                new ModelMessage(ModelMessage.Role.USER, CITIZEN_MESSAGE)), null, null, null, null, "chat"), h));
        h.await();
        assertThat(h.error).isNull();

        String sent = provider.lastChat().body();
        for (String raw : List.of(EMAIL, PHONE, IBAN, STEUER_ID, SV, AUSWEIS, CARD, BIRTH, "0532 0130", "23456789")) {
            assertThat(sent).as("raw value sent to the provider").doesNotContain(raw);
        }
        assertThat(sent).contains("[EMAIL_1]", "[TELEFON_1]", "[IBAN_1]", "[STEUER_ID_1]", "[SV_NUMMER_1]", "[AUSWEIS_1]",
                "[KARTE_1]", "[GEBURTSDATUM_1]", "Anna Beispiel", "Hundesteuer");

        String expected = "Wir melden uns unter " + EMAIL + " bzw. " + PHONE + ". Die Abbuchung erfolgt von " + IBAN + ".";
        assertThat(h.text()).isEqualTo(expected);
        assertThat(h.response.text()).isEqualTo(expected);
        assertThat(h.deltas).noneMatch(d -> d.contains("[EMA") || d.contains("FON_1"));
        assertThat(jdbc.sql("select pii_masked from llm_calls where tenant_id = ?").param(tenant.id()).query(Integer.class).single())
                .isEqualTo(8);
        String recorded = jdbc.sql("select row_to_json(c)::text from llm_calls c where tenant_id = ?").param(tenant.id())
                .query(String.class).single();
        for (String raw : List.of(EMAIL, PHONE, IBAN, STEUER_ID, SV, AUSWEIS, CARD, BIRTH)) {
            assertThat(recorded).doesNotContain(raw);
        }
    }

    @Test
    void blockingCallsAreMaskedAndRestoredToo() {
        OpenAiStub provider = stub(new OpenAiStub());
        TenantContext.runAs(tenant, () -> providers.add("openai", "openai", provider.baseUri(), 1, true, 5));
        provider.enqueue(new ProviderStub.Answer(List.of("Ihre IBAN [IBAN_1] ist notiert."), 10, 5, null));
        ModelResponse r = TenantContext.callAs(tenant, () -> models.complete(new ModelRequest(
                List.of(new ModelMessage(ModelMessage.Role.USER, "Meine IBAN: " + IBAN)), null, null, null, null, "chat")));
        assertThat(provider.lastChat().body()).doesNotContain(IBAN).contains("[IBAN_1]");
        assertThat(r.text()).isEqualTo("Ihre IBAN " + IBAN + " ist notiert.");
    }

    @Test
    void anOnPremiseProviderWithProtectionOffGetsTheTextAsIs() {
        OllamaStub provider = stub(new OllamaStub());
        TenantContext.runAs(tenant, () -> providers.add("lokal", "ollama", provider.baseUri(), 1, false, 5));
        TenantContext.callAs(tenant, () -> models.complete(new ModelRequest(
                List.of(new ModelMessage(ModelMessage.Role.USER, "Rückfragen an " + EMAIL)), null, null, null, null, "chat")));
        assertThat(provider.lastChat().body()).contains(EMAIL);
    }
}
