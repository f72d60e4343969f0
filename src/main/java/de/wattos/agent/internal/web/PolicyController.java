package de.wattos.agent.internal.web;

import de.wattos.agent.internal.policy.AgentPolicies;
import de.wattos.agent.internal.policy.AgentPolicy;
import de.wattos.agent.internal.tool.ToolCatalog;
import de.wattos.audit.AuditEntry;
import de.wattos.audit.AuditLog;
import de.wattos.character.Agents;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The policy of one agent (of the character module): tools, approvals, step limit, cost cap in EUR per conversation,
 * refused and handoff topics.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/agent-runtime")
class PolicyController {

    private final AgentPolicies policies;
    private final Agents agents;
    private final ToolCatalog catalog;
    private final AuditLog audit;

    PolicyController(AgentPolicies policies, Agents agents, ToolCatalog catalog, AuditLog audit) {
        this.policies = policies;
        this.agents = agents;
        this.catalog = catalog;
        this.audit = audit;
    }

    @GetMapping("/agents/{agentId}/policy")
    AgentPolicy get(@PathVariable UUID agentId) {
        agents.find(agentId).orElseThrow(() -> ApiException.notFound("Agent"));
        return policies.effective(agentId);
    }

    @PutMapping("/agents/{agentId}/policy")
    AgentPolicy put(@PathVariable UUID agentId, @RequestBody AgentPolicy policy) {
        agents.find(agentId).orElseThrow(() -> ApiException.notFound("Agent"));
        capChangeNeedsAdmin(policies.effective(agentId), policy);
        validate(policy);
        AgentPolicy stored = policies.put(agentId, policy);
        audited(agentId, stored);
        return stored;
    }

    /** The tenant's default: for runs without an agent and agents without a policy of their own. */
    @GetMapping("/policy")
    AgentPolicy getDefault() {
        return policies.tenantDefault();
    }

    @PutMapping("/policy")
    AgentPolicy putDefault(@RequestBody AgentPolicy policy) {
        capChangeNeedsAdmin(policies.tenantDefault(), policy);
        validate(policy);
        AgentPolicy stored = policies.putTenantDefault(policy);
        audited(TenantContext.currentId(), stored);
        return stored;
    }

    /**
     * Policy writes need EDITOR, but the cost cap is a spending limit like the token budgets: raising, lowering or
     * removing it needs TENANT_ADMIN. An editor may save the rest of the policy with the cap as it is (the value the
     * GET showed: for an agent without a policy of its own, the tenant default's).
     */
    private static void capChangeNeedsAdmin(AgentPolicy current, AgentPolicy policy) {
        if (policy == null || sameCap(current.maxCostEurPerConversation(), policy.maxCostEurPerConversation())) {
            return;
        }
        Role held = CurrentActor.get().roleIn(TenantContext.currentId());
        if (held == null || !held.includes(Role.TENANT_ADMIN)) {
            throw ApiException.forbidden("Changing the cost cap needs the role TENANT_ADMIN")
                    .withMessageKey("agent.problem.cost_cap_role");
        }
    }

    private static boolean sameCap(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private void validate(AgentPolicy policy) {
        if (policy == null) {
            throw ApiException.badRequest("validation_failed", "A policy is required");
        }
        List<String> available = catalog.available();
        for (String tool : policy.allowedTools()) {
            if (!available.contains(tool)) {
                throw ApiException.invalidField("allowedTools", "unknown tool: %s", tool);
            }
        }
        for (String tool : policy.approvalTools()) {
            if (!policy.allowedTools().contains(tool)) {
                throw ApiException.invalidField("approvalTools", "only allowed tools can need approval: %s", tool);
            }
        }
        if (policy.maxSteps() > 20) {
            throw ApiException.invalidField("maxSteps", "between 1 and 20");
        }
        BigDecimal cap = policy.maxCostEurPerConversation();
        if (cap != null && (cap.compareTo(AgentPolicy.MIN_COST_EUR) < 0 || cap.compareTo(AgentPolicy.MAX_COST_EUR) > 0)) {
            throw ApiException.invalidField("maxCostEurPerConversation", "agent.field.max_cost_eur");
        }
        if (policy.refusedTopics().size() > 100 || policy.handoffTopics().size() > 100) {
            throw ApiException.invalidField("refusedTopics", "at most 100 topics each");
        }
    }

    private void audited(UUID agentId, AgentPolicy stored) {
        audit.record(AuditEntry.success(TenantContext.currentId(), CurrentActor.get(), "agent.policy.updated", "agent",
                agentId.toString(), Map.of("allowedTools", String.join(",", stored.allowedTools()),
                        "approvalTools", String.join(",", stored.approvalTools()), "maxSteps", stored.maxSteps(),
                        "maxCostEurPerConversation", stored.maxCostEurPerConversation() == null ? "none"
                                : stored.maxCostEurPerConversation().toPlainString())));
    }
}
