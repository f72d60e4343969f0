package de.wattos.agent.internal.bench;

import de.wattos.agent.internal.run.AgentRun;
import de.wattos.agent.internal.run.AgentRunner;
import de.wattos.agent.internal.run.RunStatus;
import de.wattos.agent.internal.run.RunStep;
import de.wattos.bench.BenchApp;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub.Answer;
import de.wattos.support.ProviderStub.Calls;
import de.wattos.support.ProviderStub.Computed;
import de.wattos.support.ProviderStub.StubCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

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

    private AgentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = BenchApp.option(args, "iterations", 300);
        int concurrent = BenchApp.option(args, "concurrent", 200);
        List<String> lines = new ArrayList<>();
        lines.add("# WattOS agent run-loop benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + Runtime.version());
        BenchApp app = BenchApp.start("agent");
        OpenAiStub model = toolCallingModel();
        try {
            TenantRef tenant = app.createTenant();
            app.post("/api/v1/tenants/" + tenant.slug() + "/llm/providers", "{\"name\":\"loopback\",\"type\":\"openai\","
                    + "\"baseUrl\":\"" + model.baseUri() + "\",\"apiKey\":\"sk-bench\",\"defaultModel\":\"bench\","
                    + "\"piiProtection\":true}");
            AgentRunner runner = app.bean(AgentRunner.class);
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
            BenchApp.report("agent-benchmark.txt", lines);
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

    private static String stats(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "p50 %.3f ms  p95 %.3f ms  p99 %.3f ms", s[s.length / 2] / 1e6,
                s[(int) (s.length * 0.95)] / 1e6, s[(int) (s.length * 0.99)] / 1e6);
    }
}
