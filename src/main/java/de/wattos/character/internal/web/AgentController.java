package de.wattos.character.internal.web;

import de.wattos.character.internal.AgentService;
import de.wattos.character.internal.AgentSpec;
import de.wattos.character.internal.AgentStatus;
import de.wattos.character.internal.SavedAgents;
import de.wattos.character.internal.StoredAgent;
import de.wattos.character.AgentToolDirectory;
import de.wattos.platform.ApiException;
import de.wattos.platform.Page;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Agents: generate from personas, validate, lifecycle, versions; and the tool registry they choose from. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}")
class AgentController {

    private final AgentService agents;
    private final AgentToolDirectory tools;

    AgentController(AgentService agents, AgentToolDirectory tools) {
        this.agents = agents;
        this.tools = tools;
    }

    record GenerateRequest(List<UUID> personaIds, Boolean validate) {
    }

    record StatusRequest(String status) {
    }

    record Generated(List<StoredAgent> items) {
    }

    record Tools(List<AgentToolDirectory.AvailableTool> items) {
    }

    /** The tools an agent can name: the agent module's registry (built-ins and the tenant's own). */
    @GetMapping("/agent-tools")
    Tools tools() {
        return new Tools(tools.available());
    }

    @PostMapping("/agents/generate")
    @ResponseStatus(HttpStatus.CREATED)
    Generated generate(@RequestBody GenerateRequest request) {
        if (request == null) {
            throw ApiException.invalidField("personaIds", "character.field.persona_ids");
        }
        return new Generated(agents.generate(request.personaIds(), request.validate() == null || request.validate()));
    }

    @GetMapping("/agents")
    Page<StoredAgent> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Page.check(page, size);
        return new Page<>(agents.list(page * size, size), page, size, agents.count());
    }

    @GetMapping("/agents/{id}")
    StoredAgent get(@PathVariable UUID id) {
        return agents.get(id);
    }

    @PutMapping("/agents/{id}")
    StoredAgent update(@PathVariable UUID id, @RequestBody AgentSpec body) {
        agents.get(id);
        if (body == null) {
            throw ApiException.badRequest("validation_failed", "An agent is required");
        }
        if (body.name() != null && (body.name().isBlank() || body.name().length() > 160)) {
            throw ApiException.invalidField("name", "1–160 characters");
        }
        if (body.systemPrompt() != null && (body.systemPrompt().isBlank() || body.systemPrompt().length() > 20_000)) {
            throw ApiException.invalidField("systemPrompt", "1–20000 characters");
        }
        if (body.knowledge() != null && (body.knowledge().topK() < 1 || body.knowledge().topK() > 50)) {
            throw ApiException.invalidField("knowledge.topK", "between 1 and 50");
        }
        if (body.tools().size() > 20 || body.suggestedQuestions().size() > 10) {
            throw ApiException.invalidField("tools", "at most 20 tools and 10 suggested questions");
        }
        return agents.update(id, body);
    }

    @PostMapping("/agents/{id}/validate")
    StoredAgent validate(@PathVariable UUID id) {
        return agents.validate(id);
    }

    @PostMapping("/agents/{id}/status")
    StoredAgent status(@PathVariable UUID id, @RequestBody StatusRequest request) {
        agents.get(id);
        AgentStatus next;
        try {
            next = AgentStatus.of(request == null ? null : request.status());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("status", "draft, in_review, published or archived");
        }
        return agents.transition(id, next);
    }

    @GetMapping("/agents/{id}/versions")
    List<SavedAgents.Version> versions(@PathVariable UUID id) {
        return agents.versions(id);
    }

    @DeleteMapping("/agents/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        agents.delete(id);
    }
}
