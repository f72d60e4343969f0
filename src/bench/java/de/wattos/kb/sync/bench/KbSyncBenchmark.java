package de.wattos.kb.sync.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.wattos.WattosApplication;
import de.wattos.kb.SyncItem;
import de.wattos.kb.sync.OutboxWriter;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./wattos bench kbsync}: approved articles of many tenants delivered by the sync outbox to a loopback
 * webhook (signed JSON POSTs, batches of {@code wattos.kb.sync.batch-size}). Each tenant gets a webhook target
 * through the public API; approvals write their outbox rows in their own transactions (as {@code ArticleWorkflow}
 * does, ten per transaction) as fast as they can, and the worker delivers event-driven while they come in.
 * Figures: throughput (items/s from the first approval to the last delivery), delivery delay (approval → received)
 * p50/p95/p99, duplicates, and the heap after GC at each quarter of the deliveries (constant memory = no growth with
 * the number delivered). Written to {@code target/kbsync-benchmark.txt}. Options: {@code --articles=10000}
 * {@code --tenants=20}.
 */
public final class KbSyncBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PASSWORD = "bench-admin-password-123";

    private KbSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int articles = 10_000;
        int tenantCount = 20;
        for (String a : args) {
            if (a.startsWith("--articles=")) {
                articles = Integer.parseInt(a.substring("--articles=".length()));
            } else if (a.startsWith("--tenants=")) {
                tenantCount = Integer.parseInt(a.substring("--tenants=".length()));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("# WattOS KB sync benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + Runtime.version() + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        Path dataDir = Files.createTempDirectory("wattos-bench-kbsync");
        System.setProperty("wattos.db.fsync", "off");
        Map<String, Long> received = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        HttpServer receiver = receiver(received, duplicates, requests);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(WattosApplication.class).run(
                "--wattos.data-dir=" + dataDir, "--server.port=0", "--wattos.network.allow-private-networks=true",
                "--logging.level.root=warn", "--wattos.admin.password=" + ADMIN_PASSWORD);
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            List<TenantRef> tenants = new ArrayList<>();
            for (int i = 0; i < tenantCount; i++) {
                tenants.add(tenant(port, hook));
            }
            OutboxWriter outbox = app.getBean(OutboxWriter.class);
            TransactionTemplate tx = app.getBean(TransactionTemplate.class);
            int perTenant = articles / tenantCount;
            int total = perTenant * tenantCount;
            long[] heapAtQuarter = new long[4];
            Thread sampler = Thread.ofPlatform().daemon().start(() -> sampleHeap(received, total, heapAtQuarter));
            long start = System.nanoTime();
            Instant approvalsStart = Instant.now();
            // tenants take turns, ten approvals per transaction, as reviewers across the installation would
            for (int round = 0; round < perTenant; round += 10) {
                for (TenantRef tenant : tenants) {
                    int from = round;
                    TenantContext.runAs(tenant, () -> tx.executeWithoutResult(s -> {
                        for (int n = from; n < Math.min(from + 10, perTenant); n++) {
                            outbox.write(item(tenant, n));
                        }
                    }));
                }
            }
            double approveSeconds = (System.nanoTime() - start) / 1e9;
            long deadline = System.currentTimeMillis() + 30 * 60_000;
            while (received.size() < total && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.join(5000);
            long[] delays = received.values().stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(delays);
            lines.add("");
            lines.add("## " + total + " approved articles, " + tenantCount + " tenants, one webhook target each");
            lines.add(String.format(Locale.ROOT, "approvals written in %.2f s (%.0f/s), started %s", approveSeconds,
                    total / approveSeconds, approvalsStart));
            lines.add(String.format(Locale.ROOT, "delivered %d of %d in %.2f s: %.0f items/s, %d requests (%.1f items each), %d duplicates",
                    received.size(), total, seconds, received.size() / seconds, requests.get(),
                    received.size() / (double) Math.max(1, requests.get()), duplicates.get()));
            if (delays.length > 0) {
                lines.add(String.format(Locale.ROOT, "delivery delay (approval → received): p50 %d ms  p95 %d ms  p99 %d ms  max %d ms",
                        delays[delays.length / 2], delays[(int) (delays.length * 0.95)], delays[(int) (delays.length * 0.99)],
                        delays[delays.length - 1]));
            }
            lines.add(String.format(Locale.ROOT, "heap after GC at 25/50/75/100 %% delivered: %d / %d / %d / %d MB",
                    heapAtQuarter[0] >> 20, heapAtQuarter[1] >> 20, heapAtQuarter[2] >> 20, heapAtQuarter[3] >> 20));
        } finally {
            receiver.stop(0);
            lines.forEach(System.out::println);
            Path out = Path.of("target");
            if (!Files.isDirectory(out)) {
                out = Path.of(System.getProperty("java.io.tmpdir"));
            }
            Files.write(out.resolve("kbsync-benchmark.txt"), lines);
            System.out.println("written to " + out.resolve("kbsync-benchmark.txt").toAbsolutePath());
            app.close();
        }
        System.exit(0);
    }

    private static SyncItem item(TenantRef tenant, int n) {
        String itemId = "article:" + tenant.slug() + "-" + n;
        String version = UUID.randomUUID().toString().replace("-", "");
        return new SyncItem(itemId + "@" + version, itemId, version, false, itemId, "Artikel " + n,
                "# Artikel " + n + "\n\nDer Bauhof holt Sperrmüll nach Anmeldung ab. ".repeat(8), Instant.now(), "bench");
    }

    /** The heap after a GC each time another quarter of the items has arrived. */
    private static void sampleHeap(Map<String, Long> received, int total, long[] heapAtQuarter) {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int q = 0; q < 4; q++) {
            long target = (long) total * (q + 1) / 4;
            long deadline = System.currentTimeMillis() + 30 * 60_000;
            while (received.size() < target && System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.gc();
            heapAtQuarter[q] = memory.getHeapMemoryUsage().getUsed();
        }
    }

    /** A webhook receiver that notes, per delivery id, how long after its approval it arrived. */
    private static HttpServer receiver(Map<String, Long> received, AtomicInteger duplicates, AtomicInteger requests)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", (HttpExchange ex) -> {
            try (ex) {
                long now = System.currentTimeMillis();
                JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
                requests.incrementAndGet();
                for (JsonNode item : body.path("items")) {
                    long delay = now - Instant.parse(item.path("approvedAt").asString()).toEpochMilli();
                    if (received.putIfAbsent(item.path("deliveryId").asString(), delay) != null) {
                        duplicates.incrementAndGet();
                    }
                }
                ex.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        return server;
    }

    /** A tenant with a webhook target to the receiver, made through the public API as an operator would. */
    private static TenantRef tenant(int port, String hook) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        String token = post(http, base + "/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}").path("accessToken").asString();
        String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode tenant = post(http, base + "/api/v1/tenants", token, "{\"slug\":\"" + slug + "\",\"name\":\"Benchstadt\"}");
        post(http, base + "/api/v1/tenants/" + slug + "/kb/sync-targets", token, "{\"name\":\"loopback\",\"type\":\"webhook\","
                + "\"url\":\"" + hook + "\",\"secret\":\"bench-signing-key\"}");
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
}
