package de.wattos.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The MCP server at {@code /mcp} driven by the official MCP Java SDK client over streamable HTTP: it initialises,
 * lists {@code wattos_search} and {@code wattos_answer}, and calls both against the key's tenant; another tenant's
 * key sees only its own (empty) knowledge, and no key is refused with 401.
 */
@IntegrationTest
class McpKnowledgeServerTest {

    @LocalServerPort int port;
    TestApi api;
    TestApi.Tenant tenant;
    String key;

    @BeforeEach
    void setUp() throws InterruptedException {
        InteropFixture fixture = new InteropFixture(port);
        api = fixture.api;
        tenant = fixture.tenant;
        key = fixture.key;
    }

    McpSyncClient client(String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp")
                .requestBuilder(request).build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
    }

    @Test
    void anMcpClientListsAndCallsTheKnowledgeTools() {
        try (McpSyncClient client = client(key)) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("wattos");
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("wattos_search", "wattos_answer");

            McpSchema.CallToolResult found = client.callTool(new McpSchema.CallToolRequest("wattos_search",
                    Map.of("query", "Gebühr Personalausweis", "limit", 3)));
            assertThat(found.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(text(found)).contains("[1]").contains("Personalausweis");

            McpSchema.CallToolResult answered = client.callTool(new McpSchema.CallToolRequest("wattos_answer",
                    Map.of("question", "Wie hoch ist die Gebühr für einen Personalausweis?")));
            assertThat(text(answered)).contains("37 Euro").contains("Quellen:");
            assertThat(answered.structuredContent().toString()).contains("sources");

            McpSchema.CallToolResult missing = client.callTool(new McpSchema.CallToolRequest("wattos_answer", Map.of()));
            assertThat(missing.isError()).isTrue();
        }
    }

    @Test
    void anotherTenantsKeySeesItsOwnKnowledgeAndNoKeyIsRefused() {
        TestApi.Tenant other = api.createTenant();
        try (McpSyncClient client = client(api.apiKey(other.slug(), Role.VIEWER))) {
            client.initialize();
            McpSchema.CallToolResult found = client.callTool(new McpSchema.CallToolRequest("wattos_search",
                    Map.of("query", "Personalausweis Gebühr")));
            assertThat(text(found)).doesNotContain("37 Euro");
        }
        try (McpSyncClient anonymous = client(null)) {
            assertThatThrownBy(anonymous::initialize).isInstanceOf(RuntimeException.class);
        }
        TestApi.Response raw = api.raw("POST", "/mcp", null, "application/json",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(raw.status()).isEqualTo(401);
    }

    private static String text(McpSchema.CallToolResult result) {
        StringBuilder s = new StringBuilder();
        for (McpSchema.Content c : result.content()) {
            if (c instanceof McpSchema.TextContent t) {
                s.append(t.text());
            }
        }
        return s.toString();
    }
}
