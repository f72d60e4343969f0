package de.wattos.agent.internal.web;

import de.wattos.agent.internal.budget.AgentBudgets;
import de.wattos.agent.internal.budget.TokenBudget;
import de.wattos.audit.AuditEntry;
import de.wattos.audit.AuditLog;
import de.wattos.character.Agents;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRole;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Token caps of the agent runtime, for the whole tenant and per agent, with what was spent today and this month. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/agent-runtime")
class AgentBudgetController {

    static final long MAX_TOKENS = 1_000_000_000_000L;

    record BudgetView(TokenBudget budget, AgentBudgets.Spent spent) {
    }

    private final AgentBudgets budgets;
    private final Agents agents;
    private final AuditLog audit;

    AgentBudgetController(AgentBudgets budgets, Agents agents, AuditLog audit) {
        this.budgets = budgets;
        this.agents = agents;
        this.audit = audit;
    }

    @GetMapping("/budget")
    BudgetView tenant() {
        return new BudgetView(budgets.budget(TenantContext.currentId()), budgets.spent(null));
    }

    @PutMapping("/budget")
    @TenantRole(Role.TENANT_ADMIN)
    BudgetView putTenant(@RequestBody TokenBudget budget) {
        validate(budget);
        budgets.put(TenantContext.currentId(), budget);
        audited("tenant", TenantContext.currentId(), budget);
        return tenant();
    }

    @GetMapping("/agents/{agentId}/budget")
    BudgetView agent(@PathVariable UUID agentId) {
        agents.find(agentId).orElseThrow(() -> ApiException.notFound("Agent"));
        return new BudgetView(budgets.budget(agentId), budgets.spent(agentId));
    }

    @PutMapping("/agents/{agentId}/budget")
    @TenantRole(Role.TENANT_ADMIN)
    BudgetView putAgent(@PathVariable UUID agentId, @RequestBody TokenBudget budget) {
        agents.find(agentId).orElseThrow(() -> ApiException.notFound("Agent"));
        validate(budget);
        budgets.put(agentId, budget);
        audited("agent", agentId, budget);
        return agent(agentId);
    }

    private static void validate(TokenBudget budget) {
        if (budget == null) {
            throw ApiException.badRequest("validation_failed", "A budget is required");
        }
        check("tokensPerConversation", budget.tokensPerConversation());
        check("tokensPerDay", budget.tokensPerDay());
        check("tokensPerMonth", budget.tokensPerMonth());
    }

    private static void check(String field, Long value) {
        if (value != null && (value < 1 || value > MAX_TOKENS)) {
            throw ApiException.invalidField(field, "between 1 and %s tokens, or null for no cap", MAX_TOKENS);
        }
    }

    private void audited(String scope, UUID id, TokenBudget b) {
        Map<String, Object> details = new HashMap<>();
        details.put("tokensPerConversation", String.valueOf(b.tokensPerConversation()));
        details.put("tokensPerDay", String.valueOf(b.tokensPerDay()));
        details.put("tokensPerMonth", String.valueOf(b.tokensPerMonth()));
        audit.record(AuditEntry.success(TenantContext.currentId(), CurrentActor.get(), "agent.budget.updated", scope,
                id.toString(), details));
    }
}
