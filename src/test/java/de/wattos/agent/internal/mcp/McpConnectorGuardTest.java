package de.wattos.agent.internal.mcp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.wattos.agent.internal.tool.spi.ToolException;
import de.wattos.platform.UrlGuard;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** With private networks not allowed (production's default), an MCP server on an internal address is never asked. */
class McpConnectorGuardTest {

    final McpConnector connector = new McpConnector(new UrlGuard(false), JsonMapper.builder().build());

    @Test
    void internalAddressesAndOtherSchemesAreRefusedBeforeAnyConnection() {
        for (String url : new String[] {"http://127.0.0.1:8080/mcp", "http://10.1.2.3/mcp", "http://169.254.169.254/latest",
                "http://[::1]/mcp", "http://localhost/mcp", "ftp://example.org/mcp", "http://user:pw@example.org/mcp"}) {
            assertThatThrownBy(() -> connector.listTools(url, "token", Duration.ofSeconds(1)))
                    .isInstanceOf(ToolException.class).extracting(e -> ((ToolException) e).code()).isEqualTo("blocked_url");
            assertThatThrownBy(() -> connector.call(url, "token", "x", Map.of(), Duration.ofSeconds(1)))
                    .isInstanceOf(ToolException.class).extracting(e -> ((ToolException) e).code()).isEqualTo("blocked_url");
        }
    }
}
