package de.wattos;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.support.TestApi;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code WATTOS_LOG_FORMAT=json}: the console writes one ECS JSON object per line, and the lines a traced request
 * writes carry its trace and span ids and its request id, so a log search by trace id finds them. WattOS runs in its
 * own JVM started with that environment variable (main() reads it; logging is set up once per JVM).
 */
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
    void theLogLinesOfATracedRequestCarryTraceSpanAndRequestIds() throws Exception {
        // its own JVM: the environment variable is read by main(), and logging is set up once per JVM
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WattosApplication.class.getName(), "--server.port=0",
                "--server.address=127.0.0.1", "--wattos.data-dir=" + dataDir, "--spring.profiles.active=test",
                "--wattos.db.fsync=off").redirectErrorStream(true).redirectOutput(dataDir.resolve("console.log").toFile());
        pb.environment().put("WATTOS_LOG_FORMAT", "json");
        Process process = pb.start();
        try {
            Path console = dataDir.resolve("console.log");
            Pattern ready = Pattern.compile("WattOS ready at http://[^:]+:(\\d+)");
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            Matcher m;
            while (!(m = ready.matcher(Files.readString(console))).find()) {
                assertThat(process.isAlive()).as("exited early:%n%s", Files.readString(console)).isTrue();
                assertThat(System.nanoTime()).as("not ready:%n%s", Files.readString(console)).isLessThan(deadline);
                Thread.sleep(200);
            }
            TestApi api = new TestApi(Integer.parseInt(m.group(1)));
            String requestId = "log-test-" + System.nanoTime();
            HttpRequest.Builder put = api.builder("/api/v1/platform/settings", api.adminToken())
                    .header("X-Request-Id", requestId).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"allowPrivateNetworks\":true}"));
            TestApi.Response r = api.send(put);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);

            // the request logs "Platform setting … = true (by admin)" while it is handled
            JsonNode line = null;
            List<JsonNode> lines = List.of();
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (line == null && System.nanoTime() < deadline) {
                lines = Files.readString(console).lines().filter(l -> l.startsWith("{"))
                        .map(l -> TestApi.JSON.readTree(l)).toList();
                line = lines.stream().filter(l -> l.path("message").asString("").startsWith("Platform setting"))
                        .findFirst().orElse(null);
                Thread.sleep(100);
            }
            assertThat(line).as("the request's log line in:%n%s", Files.readString(console)).isNotNull();
            assertThat(line.path("ecs").path("version").isMissingNode() && line.path("ecs.version").isMissingNode())
                    .as("an ECS line: %s", line).isFalse();
            assertThat(line.path("requestId").asString()).as(line.toString()).isEqualTo(requestId);
            assertThat(line.path("traceId").asString()).as(line.toString()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
            assertThat(line.path("spanId").asString()).as(line.toString()).matches("[0-9a-f]{16}");
            // lines written outside any request (start-up) have neither
            assertThat(lines.stream().filter(l -> l.path("requestId").isMissingNode())
                    .map(l -> l.path("traceId").isMissingNode()).toList()).isNotEmpty().containsOnly(true);
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
