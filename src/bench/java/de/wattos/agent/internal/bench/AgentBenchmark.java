package de.wattos.agent.internal.bench;

import de.wattos.WattosApplication;
import de.wattos.agent.internal.run.AgentRun;
import de.wattos.agent.internal.run.AgentRunner;
import de.wattos.agent.internal.run.RunStatus;
import de.wattos.agent.internal.run.RunStep;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub.Answer;
import de.wattos.support.ProviderStub.Calls;
import de.wattos.support.ProviderStub.Computed;
import de.wattos.support.ProviderStub.StubCall;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./wattos bench agent}: the agent run loop against a loopback model that speaks OpenAI's wire protocol and
 * asks for one tool call ({@code current_time}) before it answers, so every run is model → tool → model.
 * <ol>
 * <li>overhead of the loop per tool step: the run's wall time minus the time spent inside the two model calls, i.e.
 * policy check, tool resolution, argument parsing and schema check, the call on its virtual thread, recording the
 * step (PostgreSQL) and announcing it on the event bus;</li>
 * <li>200 concurrent agent runs on this machine: errors, wall time, runs per second.</li>
 * </ol>
 * Figures also go to {@code target/agent-benchmark.txt}. Options: {@code --iterations=N} (default 300), {@code --concurrent=N} (default 200).
 */
public final class AgentBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PASSWORD = "bench-admin-password-123";

    private AgentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = 300;
        int concurrent = 200;
        for (String a : args) {
            if (a.startsWith("--iterations=")) {
                iterations = Integer.parseInt(a.substring("--iterations=".length()));
            } else if (a.startsWith("--concurrent=")) {
                concurrent = Integer.parseInt(a.substring("--concurrent=".length()));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("# WattOS agent run-loop benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + Runtime.version());
        Path dataDir = Files.createTempDirectory("wattos-bench-agent");
        System.setProperty("wattos.db.fsync", "off");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(WattosApplication.class).run(
                "--wattos.data-dir=" + dataDir, "--server.port=0", "--wattos.network.allow-private-networks=true",
                "--logging.level.root=warn", "--wattos.admin.password=" + ADMIN_PASSWORD);
        OpenAiStub model = toolCallingModel();
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            TenantRef tenant = tenant(port, model.baseUri().toString());
            AgentRunner runner = app.getBean(AgentRunner.class);
            for (int i = 0; i < 50; i++) {
                run(runner, tenant);
            }
            long[] overhead = new long[iterations];
            long[] total = new long[iterations];
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                AgentRun r = run(runner, tenant);
                long wall = System.nanoTime() - start;
                long modelMillis = r.steps().stream().filter(s -> s.kind().equals(RunStep.MODEL)).mapToLong(RunStep::latencyMs).sum();
                long toolSteps = r.steps().stream().filter(s -> s.kind().equals(RunStep.TOOL)).count();
                total[i] = wall;
                overhead[i] = (wall - modelMillis * 1_000_000) / Math.max(1, toolSteps);
            }
            lines.add("");
            lines.add("## Sequential runs (model → current_time → model), " + iterations + " after 50 warm-up");
            lines.add("run wall time          " + stats(total));
            lines.add("loop overhead per step " + stats(overhead));

            AtomicInteger errors = new AtomicInteger();
            AtomicInteger completed = new AtomicInteger();
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < concurrent; i++) {
                    futures.add(pool.submit(() -> {
                        try {
                            AgentRun r = run(runner, tenant);
                            (r.status() == RunStatus.COMPLETED && r.errorCode() == null ? completed : errors).incrementAndGet();
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            lines.add("");
            lines.add("## " + concurrent + " concurrent agent runs");
            lines.add(String.format(Locale.ROOT, "completed %d, errors %d, wall %.2f s, %.1f runs/s", completed.get(), errors.get(),
                    seconds, concurrent / seconds));
        } finally {
            model.close();
            lines.forEach(System.out::println);
            Path out = Path.of("target");
            if (!Files.isDirectory(out)) {
                out = Path.of(System.getProperty("java.io.tmpdir"));
            }
            Files.write(out.resolve("agent-benchmark.txt"), lines);
            System.out.println("written to " + out.resolve("agent-benchmark.txt").toAbsolutePath());
            app.close();
        }
        System.exit(0);
    }

    private static AgentRun run(AgentRunner runner, TenantRef tenant) {
        return TenantContext.callAs(tenant, () -> runner.run(null, null, "Welcher Tag ist heute?"));
    }

    /** Answers a conversation ending in a user turn with a current_time call, one ending in a tool turn with text. */
    private static OpenAiStub toolCallingModel() {
        OpenAiStub model = new OpenAiStub();
        model.always(new Computed(request -> {
            JsonNode messages = request.json().path("messages");
            boolean afterTool = "tool".equals(messages.path(messages.size() - 1).path("role").asString());
            return afterTool ? new Answer(List.of("Heute ist Mittwoch."), 300, 10, "bench")
                    : new Calls(List.of(new StubCall("call_1", "current_time", List.of("{}"))));
        }));
        return model;
    }

    /** A tenant with the loopback model as its provider, made through the public API as an operator would. */
    private static TenantRef tenant(int port, String modelUrl) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        String token = post(http, base + "/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}").path("accessToken").asString();
        String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode tenant = post(http, base + "/api/v1/tenants", token, "{\"slug\":\"" + slug + "\",\"name\":\"Benchstadt\"}");
        post(http, base + "/api/v1/tenants/" + slug + "/llm/providers", token, "{\"name\":\"loopback\",\"type\":\"openai\","
                + "\"baseUrl\":\"" + modelUrl + "\",\"apiKey\":\"sk-bench\",\"defaultModel\":\"bench\",\"piiProtection\":true}");
        return new TenantRef(UUID.fromString(tenant.path("id").asString()), slug, "de", ZoneId.of("Europe/Berlin"));
    }

    private static JsonNode post(HttpClient http, String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " → " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static String stats(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "p50 %.3f ms  p95 %.3f ms  p99 %.3f ms", s[s.length / 2] / 1e6,
                s[(int) (s.length * 0.95)] / 1e6, s[(int) (s.length * 0.99)] / 1e6);
    }
}
