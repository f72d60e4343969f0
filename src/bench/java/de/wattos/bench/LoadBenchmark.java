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
 * <p>Options: {@code --visitors=40 --seconds=30 --warmup=5}. On a shared machine, note the load average printed.
 */
public final class LoadBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));
    private static final String ORIGIN = "https://www.benchhausen.example";
    private static final String PASSWORD = "bench-load-admin-password";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String[] QUESTIONS = {"Wann wird die Biotonne geleert?", "Wie oft wird die Biotonne abgeholt?",
            "An welchem Tag kommt die Biotonne?", "Biotonne Leerung Dienstag?"};

    record Round(int nodes, boolean redis, int ok, int errors, double seconds, List<Long> ttftNanos, String load,
            List<String> failures) {
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
            for (boolean withRedis : new boolean[] {true, false}) {
                for (int n : new int[] {1, 2}) {
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
            Round one = rounds.stream().filter(r -> r.redis() == withRedis && r.nodes() == 1).findFirst().orElseThrow();
            Round two = rounds.stream().filter(r -> r.redis() == withRedis && r.nodes() == 2).findFirst().orElseThrow();
            report.add(String.format("scaling 2 vs 1 node, Redis %s: %.2fx answers/s", withRedis ? "on" : "off",
                    two.answersPerSecond() / Math.max(0.001, one.answersPerSecond())));
        }
        for (Round r : rounds) {
            r.failures().stream().limit(3).forEach(f -> report.add("  failure (" + r.nodes() + " node(s), Redis "
                    + (r.redis() ? "on" : "off") + "): " + f));
        }
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
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int v = 0; v < visitors; v++) {
                String base = nodes.get(v % nodes.size()).base() + "/api/v1/public/widgets/" + key;
                int visitor = v;
                all.add(pool.submit(() -> {
                    String token = null;
                    String conversation = null;
                    int asked = 0;
                    while (System.nanoTime() < end) {
                        long started = System.nanoTime();
                        boolean counted = started >= measureFrom;
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
                            if (!counted) {
                                continue;
                            }
                            if (ended && first != 0 && error == null) {
                                ok.incrementAndGet();
                                ttft.add(first - started);
                            } else {
                                errors.incrementAndGet();
                                failures.add(error != null ? error : ended ? "ended without a delta (no model answer)" : "stream cut");
                            }
                        } catch (Exception e) {
                            if (counted) {
                                errors.incrementAndGet();
                                failures.add(e.toString());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        return new Round(nodes.size(), redis, ok.get(), errors.get(), seconds, ttft, loadAverage(), failures);
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
            return new Node(pb.start(), port, data);
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
                process.destroyForcibly();
            }
        }
    }
}
