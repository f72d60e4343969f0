package de.wattos.chat.internal.bench;

import de.wattos.WattosApplication;
import de.wattos.knowledge.IncomingDocument;
import de.wattos.knowledge.IngestResult;
import de.wattos.knowledge.Ingestion;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.support.GroundedModel;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub.Computed;
import de.wattos.tenancy.Tenants;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./wattos bench chat}: starts WattOS with a temporary data directory, an OpenAI-compatible stub model on
 * loopback that streams at once (registered as the tenant's provider through the llm REST API), and about 10,000
 * chunks of generated German municipal text bulk-loaded through {@link Ingestion}. Measures the platform's time to
 * first token (request sent → first {@code delta} received, and as recorded server-side), 500 concurrent streaming
 * conversations, the extractive answerer's latency and heap use.
 *
 * <p>Options: {@code --chunks=10000 --samples=300 --concurrency=500 --local-embeddings} (default: the stub serves
 * {@code /embeddings} with hashed bag-of-words vectors, so loading 10k chunks takes seconds instead of minutes; the
 * local ONNX model adds its own query-embedding time to every answer).
 */
public final class ChatBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PASSWORD = "bench-admin-password-" + UUID.randomUUID();

    private static final String[] TOPICS = {"Personalausweis", "Reisepass", "Hundesteuer", "Sperrmüll", "Bauantrag",
            "Kita-Platz", "Wohngeld", "Gewerbeanmeldung", "Bewohnerparkausweis", "Führerschein", "Meldebescheinigung",
            "Eheschließung", "Geburtsurkunde", "Grundsteuer", "Baumfällung", "Biotonne", "Fundbüro", "Wahlschein",
            "Schülerbeförderung", "Sondernutzung", "Lärmschutz", "Hochwasserschutz", "Bürgerbus", "Stadtbibliothek",
            "Musikschule", "Volkshochschule", "Friedhofsgebühren", "Straßenreinigung", "Winterdienst", "Jugendzentrum"};
    private static final String[] ASPECTS = {"Gebühren", "Unterlagen", "Öffnungszeiten", "Zuständigkeit", "Fristen",
            "Antragstellung", "Voraussetzungen", "Ansprechpartner"};
    private static final String[] PLACES = {"Altstadt", "Nordost", "Südwest", "Friedrichshofen", "Haunwöhr",
            "Oberhaunstadt", "Mailing", "Gerolfing", "Zuchering", "Unsernherrn", "Etting", "Hundszell"};
    private static final String[] FILLERS = {"Bitte beachten Sie die aktuellen Hinweise der Stadtverwaltung.",
            "Termine können online oder telefonisch vereinbart werden.",
            "Die Bearbeitung erfolgt in der Reihenfolge des Eingangs.",
            "Für Rückfragen steht Ihnen das Bürgerbüro zur Verfügung.",
            "Die Gebühren richten sich nach der geltenden Satzung.",
            "Barrierefreie Zugänge sind an allen Standorten vorhanden.",
            "Bringen Sie alle Unterlagen im Original mit.",
            "Eine Vertretung ist mit schriftlicher Vollmacht möglich."};

    private ChatBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int targetChunks = Integer.parseInt(options.getOrDefault("chunks", "10000"));
        int samples = Integer.parseInt(options.getOrDefault("samples", "300"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "500"));
        boolean localEmbeddings = options.containsKey("local-embeddings");

        Path dataDir = Files.createTempDirectory("wattos-bench-chat");
        List<String> report = new ArrayList<>();
        try (OpenAiStub stub = new OpenAiStub()) {
            stub.always(new Computed(new GroundedModel()));
            List<String> appArgs = new ArrayList<>(List.of("--wattos.data-dir=" + dataDir, "--server.port=0",
                    "--wattos.admin.password=" + ADMIN_PASSWORD, "--wattos.network.allow-private-networks=true",
                    "--wattos.db.pool-size=40", "--wattos.db.fsync=off", "--logging.level.root=warn",
                    "--logging.level.de.wattos=warn", "--server.tomcat.max-connections=4096",
                    "--server.tomcat.accept-count=1000"));
            if (!localEmbeddings) {
                appArgs.add("--wattos.knowledge.embeddings.provider=openai");
                appArgs.add("--wattos.knowledge.embeddings.base-url=" + stub.baseUrl());
                appArgs.add("--wattos.knowledge.embeddings.model=stub-embedding");
            }
            System.setProperty("wattos.db.fsync", "off");
            long startBoot = System.nanoTime();
            ConfigurableApplicationContext app = new SpringApplicationBuilder(WattosApplication.class)
                    .run(appArgs.toArray(String[]::new));
            try {
                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                line(report, "WattOS chat benchmark (%s, %d cores, max heap %d MB)", Instant.now(),
                        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
                line(report, "started in %d ms on port %d, data dir %s", millis(startBoot), port, dataDir);
                Client client = new Client("http://127.0.0.1:" + port);
                String admin = client.login();
                String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
                JsonNode tenant = client.post("/api/v1/tenants", admin, Map.of("slug", slug, "name", "Stadt Benchhausen"), 201);
                UUID tenantId = UUID.fromString(tenant.get("id").asString());
                String base = "/api/v1/tenants/" + slug;
                UUID spaceId = UUID.fromString(client.post(base + "/spaces", admin, Map.of("name", "Bürgerservice"), 201)
                        .get("id").asString());

                // bulk load through the knowledge module's Ingestion, in the tenant's scope
                TenantRef ref = app.getBean(Tenants.class).ref(tenantId).orElseThrow();
                Ingestion ingestion = app.getBean(Ingestion.class);
                long loadStart = System.nanoTime();
                int chunks = load(ingestion, ref, spaceId, targetChunks);
                long loadMs = millis(loadStart);
                line(report, "loaded %d chunks in %d ms (%.0f chunks/s, embeddings: %s)", chunks, loadMs,
                        chunks * 1000.0 / Math.max(1, loadMs), localEmbeddings ? "local ONNX" : "stub /embeddings");

                MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                System.gc();
                long heapAfterLoad = memory.getHeapMemoryUsage().getUsed();

                // 1) extractive answerer (no provider configured yet)
                List<Long> extractive = new ArrayList<>();
                List<Long> extractiveTtft = new ArrayList<>();
                for (int i = 0; i < Math.min(100, samples); i++) {
                    UUID conv = client.conversation(base, admin, spaceId);
                    long t0 = System.nanoTime();
                    JsonNode m = client.post(base + "/conversations/" + conv + "/messages", admin,
                            Map.of("content", question(i)), 200).get("message");
                    long took = System.nanoTime() - t0;
                    if (i >= 10) {
                        extractive.add(took);
                    }
                    if (!"extractive".equals(m.path("model").asString())) {
                        throw new IllegalStateException("expected the extractive answerer, got " + m);
                    }
                    if (i >= 10) {
                        extractiveTtft.add(client.stream(base, admin, client.conversation(base, admin, spaceId), question(i + 7)).ttftNanos());
                    }
                }
                line(report, "extractive answer (non-streaming, end to end): p50 %.1f ms, p95 %.1f ms (n=%d)",
                        p(extractive, 50), p(extractive, 95), extractive.size());
                line(report, "extractive time to first token (streaming):     p50 %.1f ms, p95 %.1f ms",
                        p(extractiveTtft, 50), p(extractiveTtft, 95));

                // 2) the stub model as the tenant's provider
                client.registerProvider(base, admin, stub.baseUrl());
                Stream check = client.stream(base, admin, client.conversation(base, admin, spaceId), question(1));
                if (!"stub-model".equals(check.model())) {
                    throw new IllegalStateException("the stub provider does not answer: model " + check.model() + ", events " + check.events());
                }
                for (int i = 0; i < 30; i++) { // warm-up
                    client.stream(base, admin, client.conversation(base, admin, spaceId), question(i));
                }
                List<Long> ttft = new ArrayList<>();
                List<Long> total = new ArrayList<>();
                List<UUID> conversations = new ArrayList<>();
                for (int i = 0; i < samples; i++) {
                    conversations.add(client.conversation(base, admin, spaceId));
                }
                Instant since = Instant.now();
                for (int i = 0; i < samples; i++) {
                    Stream s = client.stream(base, admin, conversations.get(i), question(i));
                    if (!s.ok()) {
                        throw new IllegalStateException("stream failed: " + s.events());
                    }
                    ttft.add(s.ttftNanos());
                    total.add(s.totalNanos());
                }
                JdbcClient jdbc = app.getBean(JdbcClient.class);
                List<Long> serverTtft = jdbc.sql("""
                        select (payload->>'timeToFirstTokenMs')::bigint from chat_events
                        where tenant_id = :t and type = 'MessageAnswered' and occurred_at >= :since
                          and payload->>'timeToFirstTokenMs' is not null""")
                        .param("t", tenantId).param("since", java.sql.Timestamp.from(since)).query(Long.class).list()
                        .stream().map(ms -> ms * 1_000_000).toList();
                line(report, "stub model, sequential streaming (n=%d):", samples);
                line(report, "  time to first token, client (request sent -> first delta): p50 %.1f ms, p95 %.1f ms  (aim <= 20 / 50)",
                        p(ttft, 50), p(ttft, 95));
                line(report, "  time to first token, server (request in -> first delta out): p50 %.1f ms, p95 %.1f ms (ms resolution)",
                        p(serverTtft, 50), p(serverTtft, 95));
                line(report, "  complete answer (request sent -> end):                      p50 %.1f ms, p95 %.1f ms",
                        p(total, 50), p(total, 95));

                // 3) many concurrent streaming conversations
                List<UUID> many = new ArrayList<>();
                for (int i = 0; i < concurrency; i++) {
                    many.add(client.conversation(base, admin, spaceId));
                }
                AtomicLong peakHeap = new AtomicLong();
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
                CountDownLatch go = new CountDownLatch(1);
                ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
                List<Long> concurrentTtft = Collections.synchronizedList(new ArrayList<>());
                List<Long> concurrentTotal = Collections.synchronizedList(new ArrayList<>());
                AtomicInteger ok = new AtomicInteger();
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < concurrency; i++) {
                    UUID conv = many.get(i);
                    String q = question(i);
                    futures.add(pool.submit(() -> {
                        try {
                            go.await();
                            Stream s = client.stream(base, admin, conv, q);
                            if (s.ok()) {
                                ok.incrementAndGet();
                                concurrentTtft.add(s.ttftNanos());
                                concurrentTotal.add(s.totalNanos());
                            } else {
                                failures.add(s.status() + " " + s.events());
                            }
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                        return null;
                    }));
                }
                Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                long burstStart = System.nanoTime();
                go.countDown();
                for (Future<?> f : futures) {
                    f.get();
                }
                long burstMs = millis(burstStart);
                sampler.interrupt();
                pool.shutdown();
                line(report, "%d concurrent streaming conversations: %d finished with 'end', %d failed, wall %d ms",
                        concurrency, ok.get(), failures.size(), burstMs);
                if (!concurrentTtft.isEmpty()) {
                    line(report, "  time to first token under load: p50 %.1f ms, p95 %.1f ms; complete: p50 %.1f ms, p95 %.1f ms",
                            p(concurrentTtft, 50), p(concurrentTtft, 95), p(concurrentTotal, 50), p(concurrentTotal, 95));
                }
                failures.stream().limit(5).forEach(f -> line(report, "  failure: %s", f));

                System.gc();
                line(report, "heap used: %d MB after loading %d chunks, %d MB peak during the burst, %d MB after GC at the end",
                        heapAfterLoad >> 20, chunks, peakHeap.get() >> 20, memory.getHeapMemoryUsage().getUsed() >> 20);
                line(report, "stub: %d requests, %d streams completed, %d aborted", stub.chatRequests.get(),
                        stub.completedStreams.get(), stub.abortedStreams.get());
            } finally {
                app.close();
            }
        } finally {
            deleteQuietly(dataDir);
        }
        Path out = Path.of("target", "bench");
        try {
            Files.createDirectories(out);
            Path file = out.resolve("chat-" + Instant.now().toString().replace(':', '-') + ".txt");
            Files.write(file, report);
            System.out.println("figures written to " + file.toAbsolutePath());
        } catch (IOException e) {
            System.out.println("could not write figures: " + e.getMessage());
        }
        System.exit(0);
    }

    // ---- data

    static int load(Ingestion ingestion, TenantRef tenant, UUID spaceId, int targetChunks) throws Exception {
        AtomicInteger chunks = new AtomicInteger();
        AtomicInteger docs = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> TenantContext.callAs(tenant, () -> {
                    while (chunks.get() < targetChunks) {
                        int n = docs.getAndIncrement();
                        IngestResult r = ingestion.ingest(new IncomingDocument(spaceId, null,
                                "https://www.benchhausen.de/buergerservice/" + n, title(n), "text/plain",
                                document(n).getBytes(StandardCharsets.UTF_8), Map.of()));
                        if (r.outcome() == IngestResult.Outcome.FAILED) {
                            if (failed.incrementAndGet() > 20) {
                                throw new IllegalStateException("ingestion keeps failing: " + r.reason());
                            }
                        } else {
                            chunks.addAndGet(r.chunkCount());
                        }
                    }
                    return null;
                })));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return chunks.get();
    }

    static String title(int n) {
        return TOPICS[n % TOPICS.length] + " – " + PLACES[(n / TOPICS.length) % PLACES.length] + " (" + n + ")";
    }

    /** A page with one section per aspect; each section is roughly one chunk. */
    static String document(int n) {
        Random random = new Random(n);
        String topic = TOPICS[n % TOPICS.length];
        String place = PLACES[(n / TOPICS.length) % PLACES.length];
        StringBuilder sb = new StringBuilder(title(n)).append("\n\n");
        for (String aspect : ASPECTS) {
            sb.append(aspect).append(" ").append(topic).append("\n\n");
            sb.append(switch (aspect) {
                case "Gebühren" -> "Die Gebühr für " + topic + " im Stadtteil " + place + " beträgt " + (10 + random.nextInt(90))
                        + " Euro. Ermäßigungen gibt es für Inhaber des Sozialpasses.";
                case "Unterlagen" -> "Für " + topic + " benötigen Sie einen gültigen Ausweis, einen Nachweis über den Wohnsitz in "
                        + place + " und gegebenenfalls weitere Belege.";
                case "Öffnungszeiten" -> "Die Servicestelle " + place + " ist montags bis freitags von " + (7 + random.nextInt(3))
                        + " bis " + (12 + random.nextInt(6)) + " Uhr geöffnet.";
                case "Zuständigkeit" -> "Zuständig für " + topic + " ist das Amt " + (10 + random.nextInt(60))
                        + " der Stadtverwaltung mit Sitz in " + place + ".";
                case "Fristen" -> "Anträge zu " + topic + " sind spätestens " + (2 + random.nextInt(10))
                        + " Wochen vor dem gewünschten Termin einzureichen.";
                default -> aspect + " zu " + topic + ": Bitte informieren Sie sich vorab über die Voraussetzungen im Stadtteil " + place + ".";
            }).append(' ');
            for (int i = 0; i < 6; i++) {
                sb.append(FILLERS[random.nextInt(FILLERS.length)]).append(' ');
            }
            sb.append("\n\n");
        }
        return sb.toString();
    }

    static String question(int i) {
        String topic = TOPICS[(i * 7) % TOPICS.length];
        return switch (i % 4) {
            case 0 -> "Was kostet " + topic + "?";
            case 1 -> "Welche Unterlagen brauche ich für " + topic + "?";
            case 2 -> "Wer ist für " + topic + " zuständig?";
            default -> "Welche Fristen gelten für " + topic + "?";
        };
    }

    // ---- HTTP

    record Stream(int status, String model, List<String> events, long ttftNanos, long totalNanos) {
        boolean ok() {
            return status == 200 && events.contains("end") && !events.contains("error");
        }
    }

    static final class Client {
        private final String base;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

        Client(String base) {
            this.base = base;
        }

        String login() throws Exception {
            return post("/api/v1/auth/login", null, Map.of("username", "admin", "password", ADMIN_PASSWORD), 200)
                    .get("accessToken").asString();
        }

        UUID conversation(String tenantBase, String token, UUID spaceId) throws Exception {
            return UUID.fromString(post(tenantBase + "/conversations", token,
                    Map.of("spaceIds", List.of(spaceId), "channel", "bench", "locale", "de"), 201).get("id").asString());
        }

        /** Registers the stub as the tenant's OpenAI-compatible provider through the llm REST API. */
        void registerProvider(String tenantBase, String token, String baseUrl) throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", "stub");
            body.put("type", "openai");
            body.put("baseUrl", baseUrl);
            body.put("apiKey", "sk-bench");
            body.put("defaultModel", "stub-model");
            post(tenantBase + "/llm/providers", token, body, 201);
        }

        JsonNode post(String path, String token, Object body, int expected) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        }

        Stream stream(String tenantBase, String token, UUID conversation, String question) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + tenantBase + "/conversations/" + conversation + "/messages"))
                    .timeout(Duration.ofSeconds(300)).header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("content", question, "stream", true))))
                    .build();
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            List<String> events = new ArrayList<>();
            long first = 0;
            String model = null;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                String event = null;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:") && event != null) {
                        if (event.equals("delta") && first == 0) {
                            first = System.nanoTime();
                        }
                        if (event.equals("start")) {
                            model = JSON.readTree(line.substring(5)).path("model").asString(null);
                        }
                        if (events.isEmpty() || !events.getLast().equals(event)) {
                            events.add(event);
                        }
                    }
                }
            }
            long end = System.nanoTime();
            return new Stream(r.statusCode(), model, events, first == 0 ? end - t0 : first - t0, end - t0);
        }
    }

    // ---- helpers

    private static double p(List<Long> nanos, int percentile) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1_000_000.0;
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void line(List<String> report, String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        report.add(s);
        System.out.println(s);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : args) {
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                out.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
            }
        }
        return out;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
