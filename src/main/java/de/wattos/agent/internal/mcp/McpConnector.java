package de.wattos.agent.internal.mcp;

import de.wattos.agent.internal.tool.spi.ToolException;
import de.wattos.platform.UrlGuard;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a tenant's MCP server with the official SDK client over streamable HTTP: one short session per listing or
 * call (initialize, request, close), so no connection state outlives a request and a server restart costs nothing.
 * The URL passes the SSRF guard first and the session connects only to the address the guard checked (see
 * {@link PinnedProxy}); redirects are never followed (a redirect could lead past the guard). Failures
 * become {@link ToolException}s with stable codes ({@code blocked_url}, {@code mcp_unreachable}, {@code timeout},
 * {@code mcp_refused}, {@code mcp_error}) and messages that never carry the token.
 */
@Component
public class McpConnector {

    private static final Logger log = LoggerFactory.getLogger(McpConnector.class);

    private final UrlGuard guard;
    private final JacksonMcpJsonMapper mapper;

    McpConnector(UrlGuard guard, JsonMapper json) {
        this.guard = guard;
        this.mapper = new JacksonMcpJsonMapper(json);
    }

    public List<McpSchema.Tool> listTools(String url, String token, Duration timeout) {
        return withClient(url, token, timeout, client -> {
            List<McpSchema.Tool> tools = new ArrayList<>();
            McpSchema.ListToolsResult page = client.listTools();
            tools.addAll(page.tools());
            // a server that pages endlessly must not keep us here: ten pages are more tools than any agent can use
            for (int i = 0; i < 10 && page.nextCursor() != null; i++) {
                page = client.listTools(page.nextCursor());
                tools.addAll(page.tools());
            }
            return tools;
        });
    }

    public McpSchema.CallToolResult call(String url, String token, String tool, Map<String, Object> arguments, Duration timeout) {
        return withClient(url, token, timeout, client -> client.callTool(new McpSchema.CallToolRequest(tool, arguments)));
    }

    /** The URL as the guard admits it, or a {@link ToolException} {@code blocked_url} naming the guard's reason. */
    public URI checked(String url) {
        try {
            URI uri = guard.check(url);
            guard.resolveChecked(uri);
            return uri;
        } catch (UrlGuard.BlockedUrlException e) {
            throw new ToolException("blocked_url", "The MCP server's URL is not allowed (" + e.code() + ")");
        }
    }

    private <T> T withClient(String url, String token, Duration timeout, Function<McpSyncClient, T> action) {
        URI uri;
        InetAddress pinned;
        try {
            uri = guard.check(url);
            pinned = guard.resolveChecked(uri);
        } catch (UrlGuard.BlockedUrlException e) {
            throw new ToolException("blocked_url", "The MCP server's URL is not allowed (" + e.code() + ")");
        }
        return withClient(uri, pinned, token, timeout, action);
    }

    /**
     * One session with the server at {@code uri}, connecting only to {@code pinned} (the address the guard checked):
     * the SDK's client goes through a {@link PinnedProxy} and never resolves the name itself, so a name server cannot
     * swap in another address between the check and the connections (DNS rebinding).
     */
    <T> T withClient(URI uri, InetAddress pinned, String token, Duration timeout, Function<McpSyncClient, T> action) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        PinnedProxy proxy;
        try {
            proxy = new PinnedProxy(uri.getHost(), port, pinned, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (IOException e) {
            throw new ToolException("mcp_unreachable", "The MCP server cannot be reached");
        }
        try (proxy) {
            return session(uri, proxy, token, timeout, action);
        }
    }

    private <T> T session(URI uri, PinnedProxy proxy, String token, Duration timeout, Function<McpSyncClient, T> action) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(uri.getScheme() + "://" + uri.getRawAuthority()).endpoint(path)
                .customizeClient(client -> client.followRedirects(HttpClient.Redirect.NEVER).proxy(proxy.selector())
                        .version(HttpClient.Version.HTTP_1_1))
                .connectTimeout(timeout).requestBuilder(request).jsonMapper(mapper).build();
        McpSyncClient client = McpClient.sync(transport).clientInfo(new McpSchema.Implementation("wattos", "1"))
                .requestTimeout(timeout).initializationTimeout(timeout).build();
        try {
            client.initialize();
            return action.apply(client);
        } catch (ToolException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e, timeout);
        } finally {
            try {
                client.close();
            } catch (RuntimeException e) {
                log.debug("Closing an MCP client failed: {}", e.getClass().getName());
            }
        }
    }

    private static ToolException translate(RuntimeException e, Duration timeout) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof HttpTimeoutException) {
                return new ToolException("timeout", "The MCP server did not answer within " + timeout.toMillis() + " ms");
            }
            if (t instanceof ConnectException) {
                return new ToolException("mcp_unreachable", "The MCP server cannot be reached");
            }
            if (t instanceof McpHttpClientTransportAuthorizationException) {
                return new ToolException("mcp_refused", "The MCP server refused the credentials");
            }
            if (t instanceof McpError error && error.getJsonRpcError() != null) {
                return new ToolException("mcp_error", "The MCP server answered with error " + error.getJsonRpcError().code());
            }
        }
        log.info("MCP request failed: {}", e.getClass().getName());
        return new ToolException("mcp_unreachable", "The MCP server did not give a usable answer");
    }
}
