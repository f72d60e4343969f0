package de.wattos.crawl.internal.bench;

import de.wattos.WattosApplication;
import de.wattos.crawl.internal.CrawlRun;
import de.wattos.crawl.internal.CrawlRunQueue;
import de.wattos.crawl.internal.Runs;
import de.wattos.crawl.internal.SourceService;
import de.wattos.crawl.internal.WebsiteSource;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.tenancy.Tenants;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./wattos bench ingest [site-dir] [--wattos.x=y …]}: starts WattOS (temporary data directory, private
 * networks allowed), serves a saved website (default: the Ingolstadt site in ../shared/evaldata) on loopback,
 * creates tenant, space and a website source, crawls it and crawls it again unchanged. Prints pages/s, chunks/s,
 * the share of wall time spent embedding and the re-crawl speed-up, and writes them to
 * {@code target/bench/ingest.txt}.
 * <p>
 * The knowledge module does not report its embedding time, so it is measured by comparison: afterwards the very
 * texts it embedded (chunk text with title and heading context) are embedded again with the same model, batch size
 * and parallelism as during the crawl, alone; that time over the crawl's wall time is the embedding share.
 * Politeness delay is 0 by default here (loopback; it measures our own overhead): pass
 * {@code --wattos.crawl.host-delay=250ms} to see the production default.
 */
public final class IngestBenchmark {

    private static final String DEFAULT_SITE = "../shared/evaldata/website/sdg.nachhaltigkeitsagenda-ingolstadt.de";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path site = Path.of(DEFAULT_SITE);
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                springArgs.add(arg);
            } else {
                site = Path.of(arg);
            }
        }
        if (!Files.isDirectory(site)) {
            System.err.println("ingest benchmark: site folder " + site.toAbsolutePath() + " not found (evaldata absent?). "
                    + "Usage: ./wattos bench ingest [site-dir]");
            System.exit(2);
        }
        Path data = Files.createTempDirectory("wattos-bench-ingest-");
        String adminPassword = "bench-" + UUID.randomUUID();
        List<String> all = new ArrayList<>(List.of("--wattos.data-dir=" + data, "--server.port=0",
                "--wattos.network.allow-private-networks=true", "--wattos.admin.password=" + adminPassword,
                "--wattos.crawl.host-delay=0ms", "--wattos.db.fsync=off", "--logging.level.root=warn",
                "--logging.level.de.wattos=warn", "--logging.level.de.wattos.crawl.internal.CrawlEngine=info"));
        all.addAll(springArgs);
        System.setProperty("wattos.db.fsync", "off");

        double loadAtStart = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long bootStart = System.nanoTime();
        SpringApplication app = new SpringApplication(WattosApplication.class);
        try (ConfigurableApplicationContext ctx = app.run(all.toArray(String[]::new));
                StaticSiteServer server = new StaticSiteServer(site)) {
            long bootMs = (System.nanoTime() - bootStart) / 1_000_000;
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            Api api = new Api("http://127.0.0.1:" + port);
            String admin = api.login("admin", adminPassword);
            String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            UUID tenantId = UUID.fromString(api.post("/api/v1/tenants", admin, Map.of("slug", slug, "name", "Bench"))
                    .get("id").asString());
            String spaceId = api.post("/api/v1/tenants/" + slug + "/spaces", admin, Map.of("name", "Website")).get("id").asString();
            TenantRef tenant = ctx.getBean(Tenants.class).ref(tenantId).orElseThrow();
            SourceService sources = ctx.getBean(SourceService.class);
            CrawlRunQueue queue = ctx.getBean(CrawlRunQueue.class);
            Runs runs = ctx.getBean(Runs.class);
            String hostDelay = ctx.getEnvironment().getProperty("wattos.crawl.host-delay");

            WebsiteSource source = TenantContext.callAs(tenant, () -> sources.create(UUID.fromString(spaceId), "website",
                    new SourceService.SourceSpec("Ingolstadt", List.of(server.baseUrl() + "/"), null, null, 10, 5000,
                            null, null, null, true, null, false, null, null, null)));

            CrawlRun first = crawl(tenant, queue, runs, source);
            CrawlRun second = crawl(tenant, queue, runs, source);

            // what was embedded: chunk texts with their context, as the knowledge module embeds them
            List<String> texts = new ArrayList<>();
            int documents = 0;
            for (int page = 0; ; page++) {
                JsonNode list = api.get("/api/v1/tenants/" + slug + "/spaces/" + spaceId + "/documents?status=indexed&size=100&page="
                        + page, admin);
                for (JsonNode doc : list.get("items")) {
                    documents++;
                    String title = doc.get("title").isNull() ? null : doc.get("title").asString();
                    for (JsonNode chunk : api.get("/api/v1/tenants/" + slug + "/documents/" + doc.get("id").asString()
                            + "/chunks", admin).get("items")) {
                        String heading = chunk.get("headingPath").isNull() ? null : chunk.get("headingPath").asString();
                        texts.add(context(title, heading, chunk.get("text").asString()));
                    }
                }
                if (list.get("items").size() < 100) {
                    break;
                }
            }
            int parallelism = Integer.parseInt(ctx.getEnvironment().getProperty("wattos.crawl.run-concurrency", "4"));
            int batch = Integer.parseInt(ctx.getEnvironment().getProperty("wattos.knowledge.embeddings.batch-size", "32"));
            double embedSeconds = embedSeconds(texts, parallelism, batch);

            double wall1 = seconds(first);
            double wall2 = seconds(second);
            CrawlRun.Counters c1 = first.counters();
            CrawlRun.Counters c2 = second.counters();
            double share = embedSeconds / wall1;
            var engine = ctx.getBean(de.wattos.crawl.internal.CrawlEngine.class);
            var t1 = engine.timings(first.id()).orElse(new de.wattos.crawl.internal.CrawlTimings(0, 0, 0));
            String report = String.join("\n",
                    "WattOS ingest benchmark (crawl -> Ingestion -> chunks -> embeddings -> index)",
                    "site:                    " + site.toAbsolutePath().normalize(),
                    "startup:                 " + bootMs + " ms",
                    "politeness:              host-delay " + hostDelay + ", host-concurrency "
                            + ctx.getEnvironment().getProperty("wattos.crawl.host-concurrency", "2") + ", run-concurrency " + parallelism,
                    "first crawl:             " + first.status().value() + ", " + c1,
                    String.format(Locale.ROOT, "  wall time:             %.2f s", wall1),
                    String.format(Locale.ROOT, "  pages/s:               %.1f (%d fetched, %d indexed documents)",
                            c1.fetched() / wall1, c1.fetched(), documents),
                    String.format(Locale.ROOT, "  chunks/s:              %.1f (%d chunks)", texts.size() / wall1, texts.size()),
                    String.format(Locale.ROOT, "  embedding (re-measured): %.2f s = %.0f %% of wall time; outside embedding %.0f %% (aim <= 20 %%)",
                            embedSeconds, 100 * share, 100 * (1 - share)),
                    String.format(Locale.ROOT, "  thread time (summed over %d workers): fetch %.1f s, HTML link parsing %.1f s, Ingestion.ingest %.1f s",
                            parallelism, t1.fetchMs() / 1e3, t1.parseMs() / 1e3, t1.ingestMs() / 1e3),
                    String.format(Locale.ROOT, "  CPU: %d cores, load average at start %.1f (other processes share the machine)",
                            Runtime.getRuntime().availableProcessors(), loadAtStart),
                    "unchanged re-crawl:      " + second.status().value() + ", " + c2,
                    String.format(Locale.ROOT, "  wall time:             %.2f s, speed-up %.1fx (aim >= 10x), %d conditional 304s",
                            wall2, wall1 / wall2, server.notModified()));
            System.out.println(report);
            Path out = Path.of("target", "bench");
            Files.createDirectories(out);
            Files.writeString(out.resolve("ingest.txt"), report + "\n");
        }
    }

    private static CrawlRun crawl(TenantRef tenant, CrawlRunQueue queue, Runs runs, WebsiteSource source)
            throws InterruptedException {
        CrawlRun run = TenantContext.callAs(tenant, () -> queue.enqueue(source, "manual", "bench"));
        while (true) {
            CrawlRun now = TenantContext.callAs(tenant, () -> runs.find(run.id()).orElseThrow());
            if (now.status().terminal()) {
                return now;
            }
            Thread.sleep(50);
        }
    }

    private static double seconds(CrawlRun run) {
        return Duration.between(run.startedAt(), run.finishedAt()).toNanos() / 1e9;
    }

    private static String context(String title, String heading, String text) {
        StringBuilder sb = new StringBuilder();
        if (title != null && !title.isBlank()) {
            sb.append(title);
        }
        if (heading != null && !heading.isBlank()) {
            if (!sb.isEmpty()) {
                sb.append(" > ");
            }
            sb.append(heading);
        }
        return sb.isEmpty() ? text : sb + "\n" + text;
    }

    /** Wall time to embed the texts with the offline model, per-document-sized batches spread over the threads. */
    private static double embedSeconds(List<String> texts, int parallelism, int batch) throws Exception {
        AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
        model.embed("Aufwärmen"); // load once, as the crawl had it loaded
        List<List<TextSegment>> batches = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += batch) {
            batches.add(texts.subList(i, Math.min(texts.size(), i + batch)).stream()
                    .map(t -> TextSegment.from(t.isBlank() ? "-" : t)).toList());
        }
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism))) {
            List<Future<?>> futures = new ArrayList<>();
            for (List<TextSegment> b : batches) {
                futures.add(pool.submit(() -> model.embedAll(b)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Just enough HTTP for the tenancy and knowledge REST APIs. */
    private record Api(String base) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        String login(String user, String password) throws IOException, InterruptedException {
            return post("/api/v1/auth/login", null, Map.of("username", user, "password", password)).get("accessToken").asString();
        }

        JsonNode post(String path, String token, Object body) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return send(b, token);
        }

        JsonNode get(String path, String token) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
        }

        private JsonNode send(HttpRequest.Builder b, String token) throws IOException, InterruptedException {
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        }
    }
}
