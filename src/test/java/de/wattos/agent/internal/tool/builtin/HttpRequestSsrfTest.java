package de.wattos.agent.internal.tool.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.wattos.agent.internal.tool.spi.AgentTool;
import de.wattos.agent.internal.tool.spi.ToolContext;
import de.wattos.agent.internal.tool.spi.ToolException;
import de.wattos.agent.internal.tool.spi.ToolSettings;
import de.wattos.platform.UrlGuard;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * With private networks closed (the production default), an {@code http_request} tool cannot reach internal
 * addresses even when a careless admin put them on the tool's allowlist: the SSRF guard refuses before connecting.
 */
class HttpRequestSsrfTest {

    private final HttpRequestToolFactory factory = new HttpRequestToolFactory(new UrlGuard(false), JsonMapper.builder().build());

    private AgentTool tool(String url, List<String> hosts) {
        return factory.create(new ToolSettings("t", "http_request", "d",
                Map.of("url", url, "allowedHosts", hosts, "timeoutMs", 500), Map.of("token", "geheim")));
    }

    @Test
    void internalAddressesAreRefusedBeforeAnyConnection() {
        for (String url : List.of("http://127.0.0.1:9/x", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.8/",
                "http://[::1]:80/", "http://localhost/")) {
            String host = java.net.URI.create(url).getHost();
            assertThatThrownBy(() -> tool(url, List.of(host, "localhost")).invoke(Map.of(), ToolContext.standalone()))
                    .as(url).isInstanceOf(ToolException.class)
                    .satisfies(e -> assertThat(((ToolException) e).code()).isEqualTo("blocked_url"))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("geheim"));
        }
    }

    @Test
    void hostsOffTheAllowlistAreRefused() {
        assertThatThrownBy(() -> tool("http://example.org/x", List.of("example.com")).invoke(Map.of(), ToolContext.standalone()))
                .isInstanceOf(ToolException.class)
                .satisfies(e -> assertThat(((ToolException) e).code()).isEqualTo("host_not_allowed"));
        assertThat(HttpRequestToolFactory.hostAllowed("api.example.org", List.of("*.example.org"))).isTrue();
        assertThat(HttpRequestToolFactory.hostAllowed("example.org.evil.net", List.of("*.example.org", "example.org"))).isFalse();
    }

    @Test
    void templatesEscapeForWhereTheyLand() {
        assertThat(Templates.fill("https://x/{{q}}", Map.of("q", "a b/&c"), Map.of(), Templates.Escaping.URL)).isEqualTo("https://x/a%20b%2F%26c");
        assertThat(Templates.fill("{\"q\":\"{{q}}\"}", Map.of("q", "say \"hi\"\n"), Map.of(), Templates.Escaping.JSON))
                .isEqualTo("{\"q\":\"say \\\"hi\\\"\\n\"}");
        assertThat(Templates.fill("Bearer {{secret.k}}", Map.of(), Map.of("k", "v"), Templates.Escaping.HEADER)).isEqualTo("Bearer v");
        assertThat(Templates.fill("{{secret.k}}", Map.of(), Map.of("k", "v"), Templates.Escaping.URL)).isEmpty();
    }
}
