package de.wattos.interop.internal;

import de.wattos.chat.Chat;
import de.wattos.knowledge.KnowledgeSearch;
import de.wattos.knowledge.SearchHit;
import de.wattos.knowledge.SearchQuery;
import de.wattos.platform.Actor;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.tenancy.Tenants;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * WattOS knowledge as an MCP server (streamable HTTP at {@code /mcp}, stateless: every request carries its own
 * authorization), so F13's agentic chat or any MCP client can use a tenant's knowledge: {@code wattos_search}
 * returns the best passages with their sources, {@code wattos_answer} a grounded answer with numbered sources.
 * The caller's tenant comes from its API key ({@code Authorization: Bearer wattos_…}); without one the request is
 * answered 401 before it reaches the MCP server.
 */
@Configuration
class McpKnowledgeServer {

    static final String ENDPOINT = "/mcp";
    private static final String TENANT = "wattos.tenant";

    @Bean
    HttpServletStatelessServerTransport mcpTransport(JsonMapper json, Tenants tenants) {
        return HttpServletStatelessServerTransport.builder().jsonMapper(new JacksonMcpJsonMapper(json))
                .messageEndpoint(ENDPOINT)
                .contextExtractor(request -> {
                    TenantRef tenant = caller(tenants);
                    return tenant == null ? McpTransportContext.EMPTY : McpTransportContext.create(Map.of(TENANT, tenant));
                })
                .build();
    }

    @Bean
    ServletRegistrationBean<HttpServletStatelessServerTransport> mcpServlet(HttpServletStatelessServerTransport transport) {
        ServletRegistrationBean<HttpServletStatelessServerTransport> bean = new ServletRegistrationBean<>(transport, ENDPOINT);
        bean.setAsyncSupported(true);
        bean.setName("wattos-mcp");
        return bean;
    }

    /** Refuses callers without a tenant's key with 401 (JSON-RPC error body), before the MCP server sees them. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> mcpAuthentication(Tenants tenants) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (caller(tenants) == null) {
                    response.setStatus(401);
                    response.setHeader("WWW-Authenticate", "Bearer");
                    response.setContentType("application/json");
                    response.getOutputStream().write(("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32001,"
                            + "\"message\":\"A WattOS API key of a tenant is required\"},\"id\":null}").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(filter);
        bean.addUrlPatterns(ENDPOINT, ENDPOINT + "/*");
        bean.setName("wattos-mcp-authentication");
        return bean;
    }

    @Bean
    McpStatelessSyncServer mcpServer(HttpServletStatelessServerTransport transport, JsonMapper json,
            KnowledgeSearch search, Chat chat) {
        var mapper = new JacksonMcpJsonMapper(json);
        McpSchema.Tool searchTool = McpSchema.Tool.builder().name("wattos_search").title("WattOS: Wissen durchsuchen")
                .description("Searches the municipality's WattOS knowledge (website, documents, approved articles) and "
                        + "returns the best passages with title and URL.")
                .inputSchema(mapper, """
                        {"type": "object", "properties": {
                          "query": {"type": "string", "description": "what to search for, in German or English"},
                          "limit": {"type": "integer", "minimum": 1, "maximum": 20, "description": "number of passages (default 5)"}},
                         "required": ["query"]}""")
                .build();
        McpSchema.Tool answerTool = McpSchema.Tool.builder().name("wattos_answer").title("WattOS: Frage beantworten")
                .description("Answers a citizen's question from the municipality's WattOS knowledge, with numbered sources.")
                .inputSchema(mapper, """
                        {"type": "object", "properties": {
                          "question": {"type": "string", "description": "the question"}},
                         "required": ["question"]}""")
                .build();
        return McpServer.sync(transport).serverInfo("wattos", "1")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(new McpStatelessServerFeatures.SyncToolSpecification(searchTool, (context, request) ->
                                inTenant(context, () -> search(search, request))),
                        new McpStatelessServerFeatures.SyncToolSpecification(answerTool, (context, request) ->
                                inTenant(context, () -> answer(chat, request))))
                .build();
    }

    private static McpSchema.CallToolResult search(KnowledgeSearch search, McpSchema.CallToolRequest request) {
        String query = text(request.arguments().get("query"));
        if (query == null) {
            return failure("query is required");
        }
        int limit = request.arguments().get("limit") instanceof Number n ? Math.max(1, Math.min(20, n.intValue())) : 5;
        List<SearchHit> hits = search.search(SearchQuery.of(query, List.of(), limit)).hits();
        StringBuilder text = new StringBuilder();
        List<Map<String, Object>> passages = new java.util.ArrayList<>();
        int n = 1;
        for (SearchHit hit : hits) {
            text.append('[').append(n).append("] ").append(hit.title() == null ? "" : hit.title())
                    .append(hit.url() == null ? "" : " – " + hit.url()).append('\n').append(hit.snippet()).append("\n\n");
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("n", n++);
            p.put("title", hit.title());
            p.put("url", hit.url());
            p.put("text", hit.text());
            passages.add(p);
        }
        return McpSchema.CallToolResult.builder().addTextContent(hits.isEmpty() ? "Keine Treffer." : text.toString().strip())
                .structuredContent(Map.of("passages", passages)).build();
    }

    private static McpSchema.CallToolResult answer(Chat chat, McpSchema.CallToolRequest request) {
        String question = text(request.arguments().get("question"));
        if (question == null) {
            return failure("question is required");
        }
        TenantRef tenant = TenantContext.current();
        UUID conversation = chat.startConversation(List.of(), question.length() > 80 ? question.substring(0, 80) : question,
                "mcp", tenant.locale());
        Chat.AnswerSummary answer = chat.ask(conversation, question, new Chat.AskOptions("mcp", null));
        StringBuilder text = new StringBuilder(answer.content());
        List<Map<String, Object>> sources = new java.util.ArrayList<>();
        if (!answer.citations().isEmpty()) {
            text.append("\n\nQuellen:");
        }
        for (Chat.Citation c : answer.citations()) {
            text.append("\n[").append(c.n()).append("] ").append(c.title() == null ? "" : c.title())
                    .append(c.url() == null ? "" : " – " + c.url());
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("n", c.n());
            s.put("title", c.title());
            s.put("url", c.url());
            sources.add(s);
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("answer", answer.content());
        structured.put("sources", sources);
        structured.put("noAnswer", answer.noAnswer());
        return McpSchema.CallToolResult.builder().addTextContent(text.toString()).structuredContent(structured).build();
    }

    private static McpSchema.CallToolResult inTenant(McpTransportContext context,
            java.util.function.Supplier<McpSchema.CallToolResult> call) {
        if (!(context.get(TENANT) instanceof TenantRef tenant)) {
            return failure("A WattOS API key of a tenant is required");
        }
        try {
            return TenantContext.callAs(tenant, call::get);
        } catch (RuntimeException e) {
            return failure("The tool failed: " + e.getClass().getSimpleName());
        }
    }

    private static McpSchema.CallToolResult failure(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    /** The tenant of the calling API key or user, or null. */
    static TenantRef caller(Tenants tenants) {
        Actor actor = CurrentActor.find().orElse(null);
        return actor == null || actor.tenantId() == null ? null : tenants.ref(actor.tenantId()).orElse(null);
    }
}
