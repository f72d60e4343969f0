package de.wattos.agent.internal.web;

import de.wattos.agent.internal.tool.StoredTool;
import de.wattos.agent.internal.tool.TenantTools;
import de.wattos.agent.internal.tool.ToolCallResult;
import de.wattos.agent.internal.tool.ToolCatalog;
import de.wattos.agent.internal.tool.ToolInvoker;
import de.wattos.agent.internal.tool.spi.AgentTool;
import de.wattos.agent.internal.tool.spi.ToolContext;
import de.wattos.agent.internal.tool.spi.ToolFactory;
import de.wattos.agent.internal.tool.spi.ToolSettings;
import de.wattos.audit.AuditEntry;
import de.wattos.audit.AuditLog;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRole;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's tools: the factory types, the built-ins and the tenant-defined ones (with secrets stored sealed and
 * shown only as hints), and a try-out call for the console.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/agent-runtime")
class ToolController {

    private static final String NAME = "[a-z][a-z0-9_]{1,63}";

    private final ToolCatalog catalog;
    private final TenantTools tools;
    private final ToolInvoker invoker;
    private final AuditLog audit;

    ToolController(ToolCatalog catalog, TenantTools tools, ToolInvoker invoker, AuditLog audit) {
        this.catalog = catalog;
        this.tools = tools;
        this.invoker = invoker;
        this.audit = audit;
    }

    /** {@code secrets} null keeps the stored ones on update; a key with an empty value removes it. */
    record ToolRequest(String name, String type, String description, Map<String, Object> config, Map<String, String> secrets) {
    }

    record ToolList(List<ToolCatalog.ToolType> types, List<String> available, List<StoredTool> items) {
    }

    record InvokeRequest(Map<String, Object> arguments, List<UUID> spaceIds) {
    }

    @GetMapping("/tools")
    ToolList list() {
        return new ToolList(catalog.types(), catalog.available(), tools.list());
    }

    @GetMapping("/tools/{id}")
    StoredTool get(@PathVariable UUID id) {
        return tools.find(id).orElseThrow(() -> ApiException.notFound("Tool"));
    }

    @PostMapping("/tools")
    @ResponseStatus(HttpStatus.CREATED)
    @TenantRole(Role.TENANT_ADMIN)
    StoredTool create(@RequestBody ToolRequest request) {
        ToolSettings settings = settings(request, Map.of());
        if (tools.findByName(settings.name()).isPresent()) {
            throw ApiException.conflict("tool_exists", "A tool with this name exists");
        }
        StoredTool created = tools.create(settings);
        audited("agent.tool.created", created);
        return created;
    }

    @PutMapping("/tools/{id}")
    @TenantRole(Role.TENANT_ADMIN)
    StoredTool update(@PathVariable UUID id, @RequestBody ToolRequest request) {
        StoredTool current = get(id);
        if (request == null) {
            throw ApiException.badRequest("validation_failed", "A tool is required");
        }
        ToolRequest merged = new ToolRequest(request.name() == null ? current.name() : request.name(), current.type(),
                request.description() == null ? current.description() : request.description(),
                request.config() == null ? current.config() : request.config(), request.secrets());
        ToolSettings settings = settings(merged, tools.secrets(id));
        tools.findByName(settings.name()).filter(t -> !t.id().equals(id)).ifPresent(t -> {
            throw ApiException.conflict("tool_exists", "A tool with this name exists");
        });
        StoredTool updated = tools.update(id, settings).orElseThrow(() -> ApiException.notFound("Tool"));
        audited("agent.tool.updated", updated);
        return updated;
    }

    @DeleteMapping("/tools/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @TenantRole(Role.TENANT_ADMIN)
    void delete(@PathVariable UUID id) {
        StoredTool current = get(id);
        tools.delete(id);
        audited("agent.tool.deleted", current);
    }

    /** Tries a tool out as the run loop would call it (schema check, deadline, error object). */
    @PostMapping("/tools/{name}/invoke")
    ToolCallResult invoke(@PathVariable String name, @RequestBody(required = false) InvokeRequest request) {
        AgentTool tool = catalog.resolve(name).orElseThrow(() -> ApiException.notFound("Tool"));
        Map<String, Object> arguments = request == null || request.arguments() == null ? Map.of() : request.arguments();
        List<UUID> spaces = request == null || request.spaceIds() == null ? List.of() : request.spaceIds();
        return invoker.invoke(tool, arguments, new ToolContext(spaces, 5, null), Duration.ofSeconds(30));
    }

    private ToolSettings settings(ToolRequest request, Map<String, String> storedSecrets) {
        if (request == null) {
            throw ApiException.badRequest("validation_failed", "A tool is required");
        }
        if (request.name() == null || !request.name().matches(NAME) || request.name().contains("__")) {
            throw ApiException.invalidField("name", "lower-case letters, digits and _, 2–64 characters, starting with a letter, no double _ (reserved for MCP tools)");
        }
        ToolFactory factory = catalog.factory(request.type()).filter(ToolFactory::configurable)
                .orElseThrow(() -> ApiException.invalidField("type", "a configurable tool type: "
                        + catalog.types().stream().filter(ToolCatalog.ToolType::configurable).map(ToolCatalog.ToolType::id).toList()));
        if (catalog.factory(request.name()).isPresent()) {
            throw ApiException.invalidField("name", "the name of a built-in tool");
        }
        if (request.description() == null || request.description().isBlank() || request.description().length() > 1000) {
            throw ApiException.invalidField("description", "1–1000 characters: the model reads it to decide when to call the tool");
        }
        Map<String, String> secrets = new HashMap<>(storedSecrets);
        if (request.secrets() != null) {
            request.secrets().forEach((k, v) -> {
                if (k == null || !k.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
                    throw ApiException.invalidField("secrets", "secret names are letters, digits and _");
                }
                if (v == null || v.isEmpty()) {
                    secrets.remove(k);
                } else {
                    secrets.put(k, v);
                }
            });
        }
        ToolSettings settings = new ToolSettings(request.name(), factory.id(), request.description().strip(),
                request.config() == null ? Map.of() : request.config(), secrets);
        Map<String, String> problems = factory.validate(settings);
        if (!problems.isEmpty()) {
            var first = problems.entrySet().iterator().next();
            throw ApiException.invalidField(first.getKey(), first.getValue());
        }
        return settings;
    }

    private void audited(String action, StoredTool tool) {
        audit.record(AuditEntry.success(TenantContext.currentId(), CurrentActor.get(), action, "agent_tool",
                tool.id().toString(), Map.of("name", tool.name(), "type", tool.type())));
    }
}
