package de.wattos.agent.internal.web;

import de.wattos.agent.internal.mcp.McpConnector;
import de.wattos.agent.internal.mcp.McpServerEntry;
import de.wattos.agent.internal.mcp.McpServers;
import de.wattos.agent.internal.mcp.McpToolEntry;
import de.wattos.agent.internal.mcp.McpTools;
import de.wattos.agent.internal.tool.spi.ToolException;
import de.wattos.audit.AuditEntry;
import de.wattos.audit.AuditLog;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRole;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
 * The tenant's external MCP servers: register one (URL through the SSRF guard, bearer token sealed and shown only as
 * a hint), see the tools it offers, pick the ones agents may use. Picking stores the tools as the server describes
 * them then; saving again refreshes that description.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/agent-runtime/mcp-servers")
class McpServerController {

    private static final String NAME = "[a-z][a-z0-9]{1,23}";
    static final int DEFAULT_TIMEOUT_MS = 10_000;
    static final int MAX_TIMEOUT_MS = 60_000;
    static final int LISTING_TIMEOUT_MS = 15_000;

    private final McpServers servers;
    private final McpConnector connector;
    private final AuditLog audit;

    McpServerController(McpServers servers, McpConnector connector, AuditLog audit) {
        this.servers = servers;
        this.connector = connector;
        this.audit = audit;
    }

    /** {@code token} null keeps the stored one on update, empty removes it; {@code tools} are the server's tool names. */
    record ServerRequest(String name, String url, String token, Integer timeoutMs, List<String> tools) {

        @Override
        public String toString() {
            return "ServerRequest[" + name + ", " + url + "]"; // never the token
        }
    }

    record ServerList(List<McpServerEntry> items) {
    }

    record OfferedTool(String remoteName, String name, String description, boolean picked) {
    }

    record Offered(List<OfferedTool> tools) {
    }

    @GetMapping
    ServerList list() {
        return new ServerList(servers.list());
    }

    @GetMapping("/{id}")
    McpServerEntry get(@PathVariable UUID id) {
        return servers.find(id).orElseThrow(() -> ApiException.notFound("MCP server"));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @TenantRole(Role.TENANT_ADMIN)
    McpServerEntry create(@RequestBody(required = false) ServerRequest request) {
        Valid valid = validate(request, null);
        if (servers.findByName(valid.name()).isPresent()) {
            throw ApiException.conflict("mcp_server_exists", "An MCP server with this name exists");
        }
        List<McpToolEntry> tools = pick(valid, valid.token(), request.tools());
        McpServerEntry created = servers.create(valid.name(), valid.url(), valid.timeoutMs(), tools, valid.token());
        audited("agent.mcp_server.created", created);
        return created;
    }

    @PutMapping("/{id}")
    @TenantRole(Role.TENANT_ADMIN)
    McpServerEntry update(@PathVariable UUID id, @RequestBody(required = false) ServerRequest request) {
        McpServers.Connection current = servers.connection(id).orElseThrow(() -> ApiException.notFound("MCP server"));
        if (request == null) {
            throw ApiException.badRequest("validation_failed", "An MCP server is required");
        }
        McpServerEntry stored = current.server();
        ServerRequest merged = new ServerRequest(request.name() == null ? stored.name() : request.name(),
                request.url() == null ? stored.url() : request.url(),
                request.token() == null ? current.token() : request.token(),
                request.timeoutMs() == null ? stored.timeoutMs() : request.timeoutMs(),
                request.tools() == null ? stored.tools().stream().map(McpToolEntry::remoteName).toList() : request.tools());
        Valid valid = validate(merged, id);
        servers.findByName(valid.name()).filter(s -> !s.id().equals(id)).ifPresent(s -> {
            throw ApiException.conflict("mcp_server_exists", "An MCP server with this name exists");
        });
        List<McpToolEntry> tools = pick(valid, valid.token(), merged.tools());
        McpServerEntry updated = servers.update(id, valid.name(), valid.url(), valid.timeoutMs(), tools, valid.token())
                .orElseThrow(() -> ApiException.notFound("MCP server"));
        audited("agent.mcp_server.updated", updated);
        return updated;
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @TenantRole(Role.TENANT_ADMIN)
    void delete(@PathVariable UUID id) {
        McpServerEntry current = get(id);
        servers.delete(id);
        audited("agent.mcp_server.deleted", current);
    }

    /** What the server offers now (a live listing), with the picked ones marked. */
    @GetMapping("/{id}/offered-tools")
    @TenantRole(Role.TENANT_ADMIN)
    Offered offered(@PathVariable UUID id) {
        McpServers.Connection connection = servers.connection(id).orElseThrow(() -> ApiException.notFound("MCP server"));
        McpServerEntry server = connection.server();
        List<McpSchema.Tool> tools = listed(server.url(), connection.token(), server.timeoutMs());
        List<OfferedTool> offered = new ArrayList<>();
        for (McpSchema.Tool tool : tools) {
            offered.add(new OfferedTool(tool.name(), McpTools.localName(server.name(), tool.name()), tool.description(),
                    server.tools().stream().anyMatch(t -> t.remoteName().equals(tool.name()))));
        }
        return new Offered(offered);
    }

    private record Valid(String name, String url, int timeoutMs, String token) {
    }

    private Valid validate(ServerRequest request, UUID id) {
        if (request == null) {
            throw ApiException.badRequest("validation_failed", "An MCP server is required");
        }
        if (request.name() == null || !request.name().matches(NAME)) {
            throw ApiException.invalidField("name", "lower-case letters and digits, 2–24 characters, starting with a letter");
        }
        if (request.url() == null || request.url().isBlank() || request.url().length() > 2000) {
            throw ApiException.invalidField("url", "the server's streamable-HTTP endpoint, e.g. https://mcp.example.org/mcp");
        }
        try {
            connector.checked(request.url().strip());
        } catch (ToolException e) {
            throw ApiException.invalidField("url", "not allowed: %s", e.getMessage());
        }
        int timeout = request.timeoutMs() == null ? DEFAULT_TIMEOUT_MS : request.timeoutMs();
        if (timeout < 100 || timeout > MAX_TIMEOUT_MS) {
            throw ApiException.invalidField("timeoutMs", "100–%d ms", MAX_TIMEOUT_MS);
        }
        if (request.token() != null && request.token().length() > 4000) {
            throw ApiException.invalidField("token", "at most 4000 characters");
        }
        if (request.tools() != null && (request.tools().size() > 100 || request.tools().stream().anyMatch(t -> t == null || t.isBlank()))) {
            throw ApiException.invalidField("tools", "up to 100 tool names of the server");
        }
        String token = request.token() == null || request.token().isEmpty() ? null : request.token();
        return new Valid(request.name(), request.url().strip(), timeout, token);
    }

    /** The picked tools as the server describes them now; picking needs the server to answer. */
    private List<McpToolEntry> pick(Valid valid, String token, List<String> names) {
        if (names == null || names.isEmpty()) {
            return List.of();
        }
        List<McpSchema.Tool> offered = listed(valid.url(), token, valid.timeoutMs());
        List<McpToolEntry> picked = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            McpSchema.Tool tool = offered.stream().filter(t -> t.name().equals(name)).findFirst()
                    .orElseThrow(() -> ApiException.invalidField("tools", "the server offers no tool %s", name));
            picked.add(new McpToolEntry(McpTools.localName(valid.name(), tool.name()), tool.name(), tool.description(),
                    tool.inputSchema()));
        }
        return picked;
    }

    /**
     * A listing for a person configuring the server: the server's timeout is meant for agents' calls, and a tight one
     * (a second for a fast lookup) must not make picking fail on a busy server, so the listing waits at least 15 s.
     */
    private List<McpSchema.Tool> listed(String url, String token, int timeoutMs) {
        try {
            return connector.listTools(url, token, Duration.ofMillis(Math.max(timeoutMs, LISTING_TIMEOUT_MS)));
        } catch (ToolException e) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, e.code(), e.getMessage());
        }
    }

    private void audited(String action, McpServerEntry server) {
        audit.record(AuditEntry.success(TenantContext.currentId(), CurrentActor.get(), action, "agent_mcp_server",
                server.id().toString(), Map.of("name", server.name(), "url", server.url(),
                        "tools", String.join(",", server.tools().stream().map(McpToolEntry::name).toList()))));
    }
}
