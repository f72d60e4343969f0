package de.wattos;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.support.TestApi;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code WATTOS_LOG_FORMAT=json}: the console writes one ECS JSON object per line, and the lines a traced request
 * writes carry its trace and span ids and its request id, so a log search by trace id finds them. Its own
 * application start: the log format is fixed when logging starts.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogTraceIdsTest {

    @TempDir
    Path dataDir;

    @Test
    void onlyJsonSwitchesTheConsoleToEcs() {
        assertThat(WattosApplication.consoleLogFormat("json")).isEqualTo("ecs");
        assertThat(WattosApplication.consoleLogFormat(" JSON ")).isEqualTo("ecs");
        assertThat(WattosApplication.consoleLogFormat("text")).isNull();
        assertThat(WattosApplication.consoleLogFormat(null)).isNull();
    }

    @Test
    void theLogLinesOfATracedRequestCarryTraceSpanAndRequestIds(CapturedOutput output) throws Exception {
        String format = WattosApplication.consoleLogFormat("json");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WattosApplication.class).run(
                "--server.port=0", "--wattos.data-dir=" + dataDir, "--spring.profiles.active=test", "--wattos.db.fsync=off",
                "--logging.structured.format.console=" + format)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            TestApi api = new TestApi(port);
            String requestId = "log-test-" + System.nanoTime();
            HttpRequest.Builder put = api.builder("/api/v1/platform/settings", api.adminToken())
                    .header("X-Request-Id", requestId).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"allowPrivateNetworks\":true}"));
            TestApi.Response r = api.send(put);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);

            // the request logs "Platform setting … = true (by admin)" while it is handled
            List<JsonNode> lines = output.getOut().lines().filter(l -> l.startsWith("{"))
                    .map(l -> TestApi.JSON.readTree(l)).toList();
            assertThat(lines).as("JSON lines on the console").isNotEmpty();
            JsonNode line = lines.stream().filter(l -> l.path("message").asString("").startsWith("Platform setting"))
                    .findFirst().orElseThrow(() -> new AssertionError("no log line of the request in:\n" + output.getOut()));
            assertThat(line.path("ecs").path("version").isMissingNode() && line.path("ecs.version").isMissingNode())
                    .as("an ECS line: %s", line).isFalse();
            assertThat(line.path("requestId").asString()).as(line.toString()).isEqualTo(requestId);
            assertThat(line.path("traceId").asString()).as(line.toString()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
            assertThat(line.path("spanId").asString()).as(line.toString()).matches("[0-9a-f]{16}");
            // lines written outside any request (start-up) have neither
            assertThat(lines.stream().filter(l -> l.path("requestId").isMissingNode())
                    .map(l -> l.path("traceId").isMissingNode()).toList()).isNotEmpty().containsOnly(true);
        }
    }
}
