package de.wattos.agent.internal.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * DNS rebinding: an MCP session connects only to the address the SSRF guard checked. The server here is WattOS's own
 * {@code /mcp} on loopback, named by a host that no name server resolves ({@code .invalid}): the session works only
 * because nothing resolves the name again. The session's proxy passes nothing to any other host, and its CONNECT
 * tunnel (how {@code https} servers are reached) ends at the pinned address too.
 */
@IntegrationTest
class McpPinnedAddressTest {

    static final String NAME = "mcp-rebinding-check.invalid";

    @LocalServerPort
    int port;
    @Autowired
    McpConnector connector;

    @Test
    void theSessionConnectsToThePinnedAddressWithoutResolvingTheNameAgain() {
        TestApi api = new TestApi(port);
        String slug = api.createTenant().slug();
        String key = api.apiKey(slug, Role.VIEWER);
        URI uri = URI.create("http://" + NAME + ":" + port + "/mcp");
        List<McpSchema.Tool> tools = connector.withClient(uri, InetAddress.getLoopbackAddress(), key, Duration.ofSeconds(15),
                client -> client.listTools().tools());
        assertThat(tools).extracting(McpSchema.Tool::name).isNotEmpty();
    }

    @Test
    void theProxyRefusesOtherHostsAndTunnelsOnlyToThePinnedAddress() throws Exception {
        try (PinnedProxy proxy = new PinnedProxy(NAME, port, InetAddress.getLoopbackAddress(), 5000);
                HttpClient client = HttpClient.newBuilder().proxy(proxy.selector()).version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> other = client.send(HttpRequest.newBuilder(URI.create("http://example.org:" + port + "/mcp")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(403);
            HttpResponse<String> otherPort = client.send(HttpRequest.newBuilder(URI.create("http://" + NAME + ":" + (port + 1) + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(otherPort.statusCode()).isEqualTo(403);

            // a CONNECT tunnel to the pinned address: bytes pass unchanged (here a plain HTTP request over it)
            int proxyPort = ((java.net.InetSocketAddress) proxy.selector().select(URI.create("http://" + NAME)).get(0).address()).getPort();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxyPort)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write(("CONNECT " + NAME + ":" + port + " HTTP/1.1\r\nHost: " + NAME + ":" + port + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String established = readHead(in);
                assertThat(established).startsWith("HTTP/1.1 200");
                out.write(("GET /console/ HTTP/1.1\r\nHost: " + NAME + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertThat(readHead(in)).startsWith("HTTP/1.1 200");
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxyPort)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("CONNECT example.org:443 HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 403");
            }
        }
    }

    private static String readHead(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        for (int b; (b = in.read()) >= 0; ) {
            head.append((char) b);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }
}
