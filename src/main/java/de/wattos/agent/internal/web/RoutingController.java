package de.wattos.agent.internal.web;

import de.wattos.agent.internal.routing.AgentRouter;
import de.wattos.agent.internal.routing.RoutingDecision;
import de.wattos.agent.internal.routing.RoutingSettings;
import de.wattos.platform.Page;
import java.util.List;
import org.springframework.web.bind.annotation.RequestParam;
import de.wattos.audit.AuditEntry;
import de.wattos.audit.AuditLog;
import de.wattos.character.Agents;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRole;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routing between agents: the tenant's setting, its participants, the recent decisions, and a try-out that shows which
 * agent a question would go to.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/agent-runtime/routing")
class RoutingController {

    record TryOut(String question, UUID currentAgentId) {
    }

    private final AgentRouter router;
    private final Agents agents;
    private final AuditLog audit;

    RoutingController(AgentRouter router, Agents agents, AuditLog audit) {
        this.router = router;
        this.agents = agents;
        this.audit = audit;
    }

    @GetMapping
    RoutingSettings get() {
        return router.settings();
    }

    @PutMapping
    @TenantRole(Role.TENANT_ADMIN)
    RoutingSettings put(@RequestBody RoutingSettings settings) {
        if (settings == null) {
            throw ApiException.badRequest("validation_failed", "A routing setting is required");
        }
        if (settings.agentIds().size() > 50 || new HashSet<>(settings.agentIds()).size() != settings.agentIds().size()
                || settings.agentIds().contains(null)) {
            throw ApiException.invalidField("agentIds", "at most 50 distinct agent ids");
        }
        Set<UUID> published = agents.publishedScopes().stream().map(s -> s.agentId()).collect(Collectors.toSet());
        for (UUID id : settings.agentIds()) {
            if (!published.contains(id)) {
                throw ApiException.invalidField("agentIds", "not a published agent: %s", id);
            }
        }
        RoutingSettings stored = router.put(settings);
        audit.record(AuditEntry.success(TenantContext.currentId(), CurrentActor.get(), "agent.routing.updated", "tenant",
                TenantContext.currentId().toString(), Map.of("enabled", stored.enabled(), "agents", stored.agentIds().size())));
        return stored;
    }

    /** The tenant's published agents, each marked whether it takes part in routing. */
    @GetMapping("/participants")
    List<AgentRouter.Participant> participants() {
        return router.participants();
    }

    /** Recent decisions of routed conversations (citizens' questions, masked): tenant admins only. */
    @GetMapping("/decisions")
    @TenantRole(Role.TENANT_ADMIN)
    Page<RoutingDecision> decisions(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size);
        return new Page<>(router.decisions(page * size, size), page, size, router.countDecisions());
    }

    @PostMapping("/try")
    AgentRouter.Decision tryOut(@RequestBody TryOut request) {
        if (request == null || request.question() == null || request.question().isBlank() || request.question().length() > 2000) {
            throw ApiException.invalidField("question", "agent.field.routing_question");
        }
        return router.preview(request.currentAgentId(), request.question())
                .orElseThrow(() -> ApiException.badRequest("routing_off", "Routing is off or there is no published agent"));
    }
}
