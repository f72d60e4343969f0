package de.wattos.agent.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.agent.internal.policy.AgentPolicies;
import de.wattos.agent.internal.tool.ToolCatalog;
import de.wattos.agent.internal.tool.ToolInvoker;
import de.wattos.audit.AuditLog;
import de.wattos.character.Agents;
import de.wattos.chat.Chat;
import de.wattos.llm.LanguageModels;
import de.wattos.llm.PersonalDataMasking;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantJdbc;
import de.wattos.platform.events.DomainEvents;
import de.wattos.support.TestApi;
import de.wattos.tenancy.Tenants;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run waiting for approval keeps everything it needs in the database: after the run-loop machinery is built anew
 * (a new runner, step executor, repositories and decision service over the same database, as after a restart), the
 * approval resumes the run where it stopped, with the model conversation, the proposed call and its step numbers.
 */
@IntegrationTest
class ApprovalSurvivesRestartTest {

    @LocalServerPort
    int port;
    @Autowired
    LanguageModels models;
    @Autowired
    Agents agents;
    @Autowired
    AgentPolicies policies;
    @Autowired
    ToolCatalog catalog;
    @Autowired
    ToolInvoker invoker;
    @Autowired
    PersonalDataMasking pii;
    @Autowired
    AgentProperties properties;
    @Autowired
    DomainEvents events;
    @Autowired
    TenantJdbc tenantJdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    AuditLog audit;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Chat chat;
    @Autowired
    de.wattos.agent.internal.handoff.HandoffDesk desk;
    @Autowired
    org.springframework.context.MessageSource messages;
    @Autowired
    de.wattos.llm.ModelPrices prices;
    OpenAiStub model;

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
    }

    /** The run-loop machinery as a fresh start builds it; nothing is shared with the running one but the database. */
    private ApprovalDecisions restartedMachinery() {
        AgentAnnouncements announce = new AgentAnnouncements(events);
        AgentRuns runs = new AgentRuns(tenantJdbc, json);
        Approvals approvals = new Approvals(tenantJdbc, json, properties, announce, audit);
        StepExecutor steps = new StepExecutor(invoker, runs, pii, announce, properties, json);
        var agentTexts = new de.wattos.agent.internal.text.AgentTexts(messages);
        RunTexts runTexts = new RunTexts(agentTexts, chat);
        ExtractiveAgent extractive = new ExtractiveAgent(steps, runs, models, approvals, json, runTexts);
        AgentRunner runner = new AgentRunner(models, agents, policies, catalog, steps, runs, extractive, properties, announce, approvals,
                new de.wattos.agent.internal.budget.AgentBudgets(tenantJdbc, events, prices, policies), agentTexts, runTexts);
        return new ApprovalDecisions(approvals, runs, runner, announce, audit, tenants, jdbc, json,
                new ConversationReplies(chat, agents, desk), runTexts);
    }

    @Test
    void aPausedRunResumesThroughARebuiltRunLoop() {
        TestApi api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        String admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        String base = "/api/v1/tenants/" + tenant.slug();
        model = new OpenAiStub();
        Map<String, Object> provider = new HashMap<>();
        provider.put("name", "stub");
        provider.put("type", "openai");
        provider.put("baseUrl", model.baseUri().toString());
        provider.put("apiKey", "sk-stub");
        provider.put("defaultModel", "gpt-stub");
        assertThat(api.post(base + "/llm/providers", admin, provider).status()).isEqualTo(201);
        assertThat(api.put(base + "/agent-runtime/policy", admin, Map.of("approvalTools", List.of("service_link"))).status())
                .isEqualTo(200);
        model.enqueue(new ProviderStub.Calls(List.of(new ProviderStub.StubCall("call_7", "service_link",
                List.of("{\"query\":\"Hund\"}")))), ProviderStub.answer("Weiter nach dem Neustart."));
        JsonNode paused = api.post(base + "/agent-runtime/runs", admin, Map.of("question", "Wo melde ich meinen Hund an?")).json();
        assertThat(paused.get("status").asString()).isEqualTo("awaiting_approval");
        UUID approvalId = UUID.fromString(api.get(base + "/agent-runtime/approvals?status=pending", admin).json()
                .get("items").get(0).get("id").asString());

        ApprovalDecisions restarted = restartedMachinery();
        AgentRun resumed = TenantContext.callAs(tenants.ref(tenant.id()).orElseThrow(),
                () -> restarted.approve(approvalId, Map.of(), "nach dem Neustart"));

        assertThat(resumed.id().toString()).isEqualTo(paused.get("id").asString());
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.answer()).isEqualTo("Weiter nach dem Neustart.");
        assertThat(resumed.steps()).extracting(s -> s.kind() + ":" + (s.tool() == null ? "" : s.tool()) + ":" + s.outcome().wire())
                .containsExactly("model::ok", "tool:service_link:awaiting_approval", "tool:service_link:ok", "model::ok");
        JsonNode second = model.lastChat().json();
        assertThat(second.toString()).contains("call_7").contains("Wo melde ich meinen Hund an?");
    }
}
