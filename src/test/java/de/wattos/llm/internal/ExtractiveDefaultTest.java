package de.wattos.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelResponse;
import de.wattos.llm.internal.extractive.Groundings;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A tenant without any provider gets the extractive answerer, blocking and streaming, outside a web request. */
@IntegrationTest
class ExtractiveDefaultTest {

    @Autowired
    LanguageModels models;

    @Autowired
    JdbcClient jdbc;

    private final TenantRef tenant = new TenantRef(Ids.newId(), "ohne-modell", "de", ZoneId.of("Europe/Berlin"));

    private static ModelRequest request(String question) {
        return new ModelRequest(List.of(new ModelMessage(ModelMessage.Role.USER, question)), null, null, null,
                Groundings.of(question), "chat");
    }

    @Test
    void completesExtractivelyWhenNothingIsConfigured() {
        ModelResponse r = TenantContext.callAs(tenant, () -> models.complete(request("Wie hoch ist die Hundesteuer?")));
        assertThat(r.provider()).isEqualTo("extractive");
        assertThat(r.model()).isEqualTo("extractive");
        assertThat(r.extractive()).isTrue();
        assertThat(r.finishReason()).isEqualTo("stop");
        assertThat(r.text()).contains("96 Euro").contains("[1]");
        assertThat(r.usage()).isEqualTo(ModelResponse.TokenUsage.NONE);
        assertThat(jdbc.sql("select count(*) from llm_calls where tenant_id = ? and provider = 'extractive' and purpose = 'chat'")
                .param(tenant.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void streamsExtractivelyFromAnotherThread() throws Exception {
        RecordingHandler h = new RecordingHandler();
        TenantContext.runAs(tenant, () -> models.stream(request("Wann hat das Bürgerbüro geöffnet?"), h));
        h.await();
        assertThat(h.error).isNull();
        assertThat(h.starts.get()).isEqualTo(1);
        assertThat(h.provider).isEqualTo("extractive");
        assertThat(h.deltas).hasSizeGreaterThan(5);
        assertThat(h.text()).isEqualTo(h.response.text()).contains("[2]");
        assertThat(h.response.timeToFirstTokenMs()).isNotNull();
        assertThat(h.terminals.get()).isEqualTo(1);
    }

    @Test
    void answersNoAnswerWithoutRelevantGrounding() throws Exception {
        RecordingHandler h = new RecordingHandler();
        TenantContext.runAs(tenant, () -> models.stream(new ModelRequest(
                List.of(new ModelMessage(ModelMessage.Role.USER, "Hallo?")), null, null, null, null, "chat"), h));
        h.await();
        assertThat(h.response.finishReason()).isEqualTo("no_answer");
        // a no-answer is not streamed (the caller words it in the conversation's language); the text is in the response
        assertThat(h.text()).isEmpty();
        assertThat(h.response.text()).isEqualTo("Dazu habe ich in den vorliegenden Quellen keine Information gefunden.");
    }
}
