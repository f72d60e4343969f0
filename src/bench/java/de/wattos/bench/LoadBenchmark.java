package de.wattos.bench;

import de.wattos.support.OpenAiStub;
import de.wattos.support.PostgresServer;
import de.wattos.support.ProviderStub;
import de.wattos.support.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./wattos bench load}: production mode under load. One PostgreSQL 15 server, one {@code redis-server} and an
 * OpenAI-compatible stub model on loopback; WattOS nodes started as real processes by the launcher
 * ({@code ./wattos start}, each with its own data dir). N simulated widget visitors (each: a visitor session, then
 * messages in one conversation, each answer read as SSE to its {@code end} event) are spread round-robin over the
 * nodes for a fixed time. Four rounds: 1 node and 2 nodes, with Redis and without. Figures: answers per second,
 * time to first token p50/p95 (request sent → first {@code delta}), error rate, the scaling ratio 2 vs 1.
 *
 * <p>Then two fault rounds on 2 nodes with Redis ({@code --faults=false} skips them), each {@code --fault-seconds}
 * long: one node killed with SIGKILL after a third of the time, and Redis stopped after a third and started again
 * after two thirds. A visitor whose request fails goes on with the next node, as behind a load balancer. Printed per
 * window (before, during, after the fault, by the answer's end): answers/s, errors and TTFT; for the kill, how long
 * the visitors that lost an answer took to get the next one (recovery).
 *
 * <p>Options: {@code --visitors=40 --seconds=30 --warmup=5 --fault-seconds=45 --faults=true --nodes=1,2
 * --redis=on,off} (the last two choose the plain rounds). On a shared machine,
 * note the load average printed. Node processes are killed if the benchmark itself ends abnormally.
 */
public final class LoadBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));
    private static final String ORIGIN = "https://www.benchhausen.example";
    private static final String PASSWORD = "bench-load-admin-password";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String[] QUESTIONS = {"Wann wird die Biotonne geleert?", "Wie oft wird die Biotonne abgeholt?",
            "An welchem Tag kommt die Biotonne?", "Biotonne Leerung Dienstag?"};

    /** One question: when it was sent and when its answer ended (or failed), its TTFT, which node. */
    record Asked(int visitor, int node, long startNanos, long endNanos, long ttftNanos, boolean ok, String failure) {
    }

    /** Child processes (the nodes), killed by a shutdown hook if the benchmark ends abnormally. */
    private static final List<Process> CHILDREN = Collections.synchronizedList(new ArrayList<>());

    record Round(int nodes, boolean redis, int ok, int errors, double seconds, List<Long> ttftNanos, String load,
            List<String> failures, List<Asked> asked) {
        double answersPerSecond() {
            return ok / seconds;
        }

        double errorRate() {
            return ok + errors == 0 ? 0 : (double) errors / (ok + errors);
        }
    }

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String a : args) {
            if (a.startsWith("--") && a.contains("=")) {
                options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        int visitors = Integer.parseInt(options.getOrDefault("visitors", "40"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        int faultSeconds = Integer.parseInt(options.getOrDefault("fault-seconds", "45"));
        boolean faults = Boolean.parseBoolean(options.getOrDefault("faults", "true"));
        Runtime.getRuntime().addShutdownHook(new Thread(LoadBenchmark::killChildren));
        List<String> faultReport = new ArrayList<>();
        List<String> report = new ArrayList<>();
        List<Round> rounds = new ArrayList<>();
        Path work = Files.createTempDirectory("wattos-bench-load");
        try (PostgresServer postgres = PostgresServer.start(); RedisServer redis = RedisServer.start();
                OpenAiStub stub = new OpenAiStub()) {
            stub.always(ProviderStub.answer("Die Biotonne", " wird in allen Ortsteilen", " jeden zweiten Dienstag",
                    " geleert."));
            Map<String, String> env = new HashMap<>(Map.of(
                    "WATTOS_DB_URL", postgres.jdbcUrl(), "WATTOS_DB_USER", postgres.user(),
                    "WATTOS_AUTH_JWT_SECRET", randomKey(), "WATTOS_SECRETS_MASTER_KEY", randomKey(),
                    "WATTOS_ADMIN_PASSWORD", PASSWORD, "WATTOS_NETWORK_ALLOW_PRIVATE_NETWORKS", "true",
                    "WATTOS_WIDGET_SESSIONS_PER_IP_PER_HOUR", "1000000",
                    "WATTOS_KNOWLEDGE_EMBEDDINGS_PROVIDER", "openai",
                    "WATTOS_KNOWLEDGE_EMBEDDINGS_BASE_URL", stub.baseUrl(),
                    "WATTOS_KNOWLEDGE_EMBEDDINGS_MODEL", "stub-embedding"));
            env.put("LOGGING_LEVEL_ROOT", "warn");
            String widgetKey = null;
            int round = 0;
            List<Boolean> redisModes = java.util.Arrays.stream(options.getOrDefault("redis", "on,off").split(","))
                    .map(String::strip).map("on"::equals).toList();
            List<Integer> nodeCounts = java.util.Arrays.stream(options.getOrDefault("nodes", "1,2").split(","))
                    .map(String::strip).map(Integer::parseInt).toList();
            for (boolean withRedis : redisModes) {
                for (int n : nodeCounts) {
                    Map<String, String> nodeEnv = new HashMap<>(env);
                    if (withRedis) {
                        nodeEnv.put("WATTOS_REDIS_URL", redis.url());
                    }
                    List<Node> nodes = new ArrayList<>();
                    try {
                        for (int i = 0; i < n; i++) { // one after the other: the first one migrates
                            nodes.add(Node.start(Files.createDirectory(work.resolve("r" + round + "-n" + i)), nodeEnv));
                            nodes.getLast().awaitHealthy(Duration.ofMinutes(5));
                        }
                        if (widgetKey == null) {
                            widgetKey = setUp(nodes.getFirst().base(), stub.baseUrl());
                        }
                        System.out.printf("round %d: %d node(s), Redis %s, %d visitors, %d s (+%d s warm-up) ...%n", round,
                                n, withRedis ? "on" : "off", visitors, seconds, warmup);
                        rounds.add(run(nodes, withRedis, widgetKey, visitors, seconds, warmup));
                    } finally {
                        for (Node node : nodes) {
                            node.stop();
                        }
                    }
                    round++;
                }
            }
            if (faults) {
                Map<String, String> nodeEnv = new HashMap<>(env);
                nodeEnv.put("WATTOS_REDIS_URL", redis.url());
                for (String fault : List.of("kill", "redis")) {
                    List<Node> nodes = new ArrayList<>();
                    RedisServer[] restarted = {null};
                    try {
                        for (int i = 0; i < 2; i++) {
                            nodes.add(Node.start(Files.createDirectory(work.resolve("f-" + fault + "-n" + i)), nodeEnv));
                            nodes.getLast().awaitHealthy(Duration.ofMinutes(5));
                        }
                        System.out.printf("fault round: 2 nodes, Redis on, %s after %d s of %d s, %d visitors ...%n",
                                fault.equals("kill") ? "node 0 killed (SIGKILL)" : "Redis stopped (started again after "
                                        + 2 * faultSeconds / 3 + " s)", faultSeconds / 3, faultSeconds, visitors);
                        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
                        long faultAt = measureFrom + TimeUnit.SECONDS.toNanos(faultSeconds / 3);
                        long healedAt = measureFrom + TimeUnit.SECONDS.toNanos(2L * faultSeconds / 3);
                        Thread injector = Thread.ofPlatform().start(() -> {
                            try {
                                sleepUntil(faultAt);
                                if (fault.equals("kill")) {
                                    nodes.getFirst().kill();
                                } else {
                                    redis.close();
                                    sleepUntil(healedAt);
                                    restarted[0] = RedisServer.start(redis.port());
                                }
                            } catch (Exception e) {
                                System.out.println("fault injection failed: " + e);
                            }
                        });
                        Round r = run(nodes, true, widgetKey, visitors, faultSeconds, warmup);
                        injector.join();
                        faultReport.addAll(faultFigures(fault, r, measureFrom, faultAt,
                                fault.equals("kill") ? faultAt + TimeUnit.SECONDS.toNanos(5) : healedAt));
                    } finally {
                        for (Node node : nodes) {
                            node.stop();
                        }
                        if (restarted[0] != null) {
                            restarted[0].close();
                        }
                    }
                }
            }
        } finally {
            deleteQuietly(work);
        }
        report.add(String.format("WattOS load benchmark (%s, %d cores, %d visitors, %d s per round, stub model)",
                Instant.now(), Runtime.getRuntime().availableProcessors(), visitors,
                Integer.parseInt(options.getOrDefault("seconds", "30"))));
        report.add(String.format("%-7s %-6s %10s %10s %10s %8s %8s  %s", "nodes", "redis", "answers/s", "ttft p50",
                "ttft p95", "errors", "answers", "load avg (1/5/15 min) at the end"));
        for (Round r : rounds) {
            report.add(String.format("%-7d %-6s %10.1f %8.1f ms %8.1f ms %7.2f%% %8d  %s", r.nodes(), r.redis() ? "on" : "off",
                    r.answersPerSecond(), p(r.ttftNanos(), 50), p(r.ttftNanos(), 95), r.errorRate() * 100, r.ok(), r.load()));
        }
        for (boolean withRedis : new boolean[] {true, false}) {
            Round one = rounds.stream().filter(r -> r.redis() == withRedis && r.nodes() == 1).findFirst().orElse(null);
            Round two = rounds.stream().filter(r -> r.redis() == withRedis && r.nodes() == 2).findFirst().orElse(null);
            if (one == null || two == null) {
                continue;
            }
            report.add(String.format("scaling 2 vs 1 node, Redis %s: %.2fx answers/s", withRedis ? "on" : "off",
                    two.answersPerSecond() / Math.max(0.001, one.answersPerSecond())));
        }
        for (Round r : rounds) {
            r.failures().stream().limit(3).forEach(f -> report.add("  failure (" + r.nodes() + " node(s), Redis "
                    + (r.redis() ? "on" : "off") + "): " + f));
        }
        report.addAll(faultReport);
        report.forEach(System.out::println);
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        Path file = out.resolve("load-" + Instant.now().toString().replace(':', '-') + ".txt");
        Files.write(file, report);
        System.out.println("figures written to " + file.toAbsolutePath());
        System.exit(0);
    }

    /** A tenant with a space holding one document, the stub model as its provider and an active widget. */
    private static String setUp(String base, String stubUrl) throws Exception {
        String admin = send("POST", base + "/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}", 200).get("accessToken").asString();
        send("POST", base + "/api/v1/tenants", admin, "{\"slug\":\"benchhausen\",\"name\":\"Benchhausen\"}", 201);
        String tenant = base + "/api/v1/tenants/benchhausen";
        String space = send("POST", tenant + "/spaces", admin, "{\"name\":\"Abfall\"}", 201).get("id").asString();
        send("POST", tenant + "/llm/providers", admin, JSON.writeValueAsString(Map.of("name", "stub", "type", "openai",
                "baseUrl", stubUrl, "apiKey", "sk-bench", "defaultModel", "stub-model")), 201);
        String boundary = "----wattos" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"biotonne.txt\"\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nBiotonne\n\nDie Biotonne wird in allen Ortsteilen jeden "
                + "zweiten Dienstag geleert. Stellen Sie die Biotonne bis 6 Uhr an den Straßenrand.\r\n--" + boundary + "--\r\n";
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create(tenant + "/spaces/" + space + "/documents"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        if (upload.statusCode() != 202) {
            throw new IllegalStateException("upload → " + upload.statusCode() + " " + upload.body());
        }
        String document = JSON.readTree(upload.body()).findValue("id").asString();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!"indexed".equals(send("GET", tenant + "/documents/" + document, admin, null, 200).get("status").asString())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("document not indexed within 2 minutes");
            }
            Thread.sleep(200);
        }
        Map<String, Object> widget = new LinkedHashMap<>();
        widget.put("name", "Abfallberatung");
        widget.put("spaceIds", List.of(space));
        widget.put("allowedOrigins", List.of(ORIGIN));
        widget.put("status", "active");
        widget.put("locale", "de");
        widget.put("limits", Map.of("messagesPerVisitorPerHour", 1000, "messagesPerIpPerHour", 100000,
                "dailyTokenBudget", 1_000_000_000));
        return send("POST", tenant + "/widgets", admin, JSON.writeValueAsString(widget), 201).get("publicKey").asString();
    }

    /** One round: the visitors talk for warm-up + measured seconds; only answers started in the measured window count. */
    private static Round run(List<Node> nodes, boolean redis, String key, int visitors, int seconds, int warmup)
            throws Exception {
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<Long> ttft = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Asked> answers = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int v = 0; v < visitors; v++) {
                int visitor = v;
                all.add(pool.submit(() -> {
                    String token = null;
                    String conversation = null;
                    int asked = 0;
                    int node = visitor % nodes.size();
                    while (System.nanoTime() < end) {
                        String base = nodes.get(node).base() + "/api/v1/public/widgets/" + key;
                        long started = System.nanoTime();
                        boolean counted = started >= measureFrom;
                        String failed = null;
                        try {
                            if (token == null) {
                                token = send("POST", base + "/sessions", null, null, 201).get("token").asString();
                            }
                            String body = conversation == null
                                    ? JSON.writeValueAsString(Map.of("content", QUESTIONS[(visitor + asked) % QUESTIONS.length]))
                                    : JSON.writeValueAsString(Map.of("conversationId", conversation,
                                            "content", QUESTIONS[(visitor + asked) % QUESTIONS.length]));
                            asked++;
                            HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/messages"))
                                    .timeout(Duration.ofSeconds(60)).header("Origin", ORIGIN)
                                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                    .header("Accept", "text/event-stream, application/problem+json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
                            long first = 0;
                            boolean ended = false;
                            String error = null;
                            try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                                if (r.statusCode() != 200) {
                                    error = r.statusCode() + " " + lines.readLine();
                                } else {
                                    conversation = r.headers().firstValue("X-Wattos-Conversation-Id").orElse(conversation);
                                    String line;
                                    while ((line = lines.readLine()) != null) {
                                        if (line.equals("event:delta") || line.equals("event: delta")) {
                                            if (first == 0) {
                                                first = System.nanoTime();
                                            }
                                        } else if (line.equals("event:end") || line.equals("event: end")) {
                                            ended = true;
                                            break;
                                        } else if (line.equals("event:error") || line.equals("event: error")) {
                                            error = "error event: " + lines.readLine();
                                            break;
                                        }
                                    }
                                }
                            }
                            if (!(ended && first != 0 && error == null)) {
                                failed = error != null ? error : ended ? "ended without a delta (no model answer)" : "stream cut";
                            }
                            if (counted) {
                                answers.add(new Asked(visitor, node, started, System.nanoTime(), failed == null ? first - started : 0,
                                        failed == null, failed));
                                if (failed == null) {
                                    ok.incrementAndGet();
                                    ttft.add(first - started);
                                } else {
                                    errors.incrementAndGet();
                                    failures.add(failed);
                                }
                            }
                        } catch (Exception e) {
                            failed = e.toString();
                            if (counted) {
                                answers.add(new Asked(visitor, node, started, System.nanoTime(), 0, false, failed));
                                errors.incrementAndGet();
                                failures.add(failed);
                            }
                        }
                        if (failed != null && nodes.size() > 1) {
                            node = (node + 1) % nodes.size(); // as a load balancer would: the next node
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        return new Round(nodes.size(), redis, ok.get(), errors.get(), seconds, ttft, loadAverage(), failures, answers);
    }

    /** Answers/s, errors and TTFT before, during and after a fault (by the answer's end), and the kill's recovery. */
    private static List<String> faultFigures(String fault, Round r, long from, long faultAt, long healedAt) {
        List<String> out = new ArrayList<>();
        long end = r.asked().stream().mapToLong(Asked::endNanos).max().orElse(healedAt);
        out.add(String.format("fault round '%s' (2 nodes, Redis on; %s), load avg at the end %s:", fault,
                fault.equals("kill") ? "node 0 killed with SIGKILL; 'during' = the 5 s after the kill"
                        : "Redis stopped, then started again", r.load()));
        String[] names = {"before", "during", "after"};
        long[][] windows = {{from, faultAt}, {faultAt, healedAt}, {healedAt, end}};
        for (int w = 0; w < 3; w++) {
            long a = windows[w][0];
            long b = windows[w][1];
            List<Asked> in = r.asked().stream().filter(x -> x.endNanos() >= a && x.endNanos() < b).toList();
            long okCount = in.stream().filter(Asked::ok).count();
            double secs = Math.max(0.001, (b - a) / 1e9);
            List<Long> t = in.stream().filter(Asked::ok).map(Asked::ttftNanos).toList();
            out.add(String.format("  %-7s %5.1f s: %6.1f answers/s, %5.1f%% errors (%d of %d), TTFT p50 %.0f ms, p95 %.0f ms",
                    names[w], secs, okCount / secs, in.isEmpty() ? 0 : 100.0 * (in.size() - okCount) / in.size(),
                    in.size() - okCount, in.size(), p(t, 50), p(t, 95)));
        }
        if (fault.equals("kill")) {
            // per visitor that lost an answer at the kill: time from the kill to its next good answer
            List<Long> recovery = new ArrayList<>();
            Map<Integer, List<Asked>> byVisitor = new HashMap<>();
            r.asked().forEach(x -> byVisitor.computeIfAbsent(x.visitor(), k -> new ArrayList<>()).add(x));
            for (List<Asked> list : byVisitor.values()) {
                list.sort(java.util.Comparator.comparingLong(Asked::endNanos));
                Asked lost = list.stream().filter(x -> !x.ok() && x.endNanos() >= faultAt).findFirst().orElse(null);
                if (lost != null) {
                    list.stream().filter(x -> x.ok() && x.endNanos() > lost.endNanos()).findFirst()
                            .ifPresent(next -> recovery.add(next.endNanos() - faultAt));
                }
            }
            out.add(String.format("  recovery: %d visitors lost an answer; their next answer came %.0f ms (p50) / %.0f ms (max) after the kill",
                    recovery.size(), p(recovery, 50), p(recovery, 100)));
        }
        r.failures().stream().distinct().limit(3).forEach(f -> out.add("  failure: " + f));
        return out;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static void killChildren() {
        synchronized (CHILDREN) {
            for (Process p : CHILDREN) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static JsonNode send(String method, String url, String token, String json, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Origin", ORIGIN);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " → " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static double p(List<Long> nanos, int percentile) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int i = Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
        return sorted.get(i) / 1e6;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir
        }
    }

    /** A WattOS process started by the launcher, as an operator (or a service manager) would. */
    private record Node(Process process, int port, Path data) {
        static Node start(Path data, Map<String, String> env) throws IOException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("wattos").toString(), "start", "--server.address=127.0.0.1")
                    .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(data.resolve("wattos.log").toFile());
            pb.environment().putAll(env);
            pb.environment().put("WATTOS_DATA_DIR", data.toString());
            pb.environment().put("WATTOS_PORT", Integer.toString(port));
            Process process = pb.start();
            CHILDREN.add(process);
            return new Node(process, port, data);
        }

        String base() {
            return "http://127.0.0.1:" + port;
        }

        void awaitHealthy(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("WattOS exited: " + Files.readString(data.resolve("wattos.log")));
                }
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("UP")) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("WattOS not healthy within " + timeout);
                }
                Thread.sleep(500);
            }
        }

        void stop() throws InterruptedException {
            process.destroy(); // SIGTERM: a graceful stop
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            CHILDREN.remove(process);
        }

        /** SIGKILL to the JVM (and the launcher, if it did not exec): a crash, no shutdown hooks. */
        void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
