package de.wattos.knowledge.internal.bench;

import de.wattos.WattosApplication;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./wattos bench fairness [--files=12] [--huge-kb=500] [--wattos.x=y …]}: how one tenant's flood of bad and huge files affects
 * another tenant's ingestion. Starts WattOS (temporary data directory), then a "quiet" tenant uploads ordinary pages
 * one after the other and measures each from the upload's answer until the document is indexed: first alone, then
 * while a "flood" tenant keeps uploading batches of poison Markdown (the inputs that once backtracked for hours),
 * big texts ({@code --huge-kb} each: hundreds of chunks to embed) and broken PDFs. Prints p50/p95/max of both runs and what became of the flood, and writes them
 * to {@code target/bench/fairness.txt}.
 */
public final class IngestFairnessBenchmark {

    private static final int FLOOD_CAP = 150;

    private IngestFairnessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int files = 12;
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--files=")) {
                files = Integer.parseInt(arg.substring("--files=".length()));
            } else if (arg.startsWith("--huge-kb=")) {
                Flood.hugeBytes = 1024 * Integer.parseInt(arg.substring("--huge-kb=".length()));
            } else {
                springArgs.add(arg);
            }
        }
        Path data = Files.createTempDirectory("wattos-bench-fairness-");
        List<String> all = new ArrayList<>(List.of("--wattos.data-dir=" + data, "--server.port=0",
                "--wattos.admin.password=" + TestApi.ADMIN_PASSWORD, "--wattos.db.fsync=off",
                "--wattos.auth.lockout.ip-limit=100000", "--logging.level.root=warn", "--logging.level.de.wattos=warn"));
        all.addAll(springArgs);
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (ConfigurableApplicationContext ctx = new SpringApplication(WattosApplication.class).run(all.toArray(String[]::new))) {
            TestApi api = new TestApi(((WebServerApplicationContext) ctx).getWebServer().getPort());
            Tenant quiet = Tenant.create(api, "quiet");
            Tenant flood = Tenant.create(api, "flood");
            String workers = ctx.getEnvironment().getProperty("wattos.knowledge.workers", "2");

            quiet.upload("aufwaermen.md", page(0)); // the first document loads the embedding model
            quiet.awaitSettled(quiet.lastIds);

            System.err.println("fairness: measuring " + files + " uploads alone ...");
            List<Long> alone = quiet.measure(files, 100);
            System.err.println("fairness: alone " + summary(alone) + "; now with the flood ...");

            Flood flooding = new Flood(flood);
            Thread floodThread = Thread.ofPlatform().name("flood").start(flooding);
            flooding.awaitFirstBatches(2);
            List<Long> flooded = quiet.measure(files, 200);
            flooding.stop();
            floodThread.join();
            Map<String, Integer> floodOutcome = flood.statusCounts();

            String report = String.join("\n",
                    "WattOS ingestion fairness (one tenant's flood vs. another tenant's uploads)",
                    String.format(Locale.ROOT, "machine:   %d cores, load average at start %.1f; %s ingestion workers",
                            Runtime.getRuntime().availableProcessors(), loadAtStart, workers),
                    "quiet tenant: " + files + " ordinary pages (~3 KB Markdown), uploaded one after the other; "
                            + "latency = upload answered -> document indexed",
                    "  alone:        " + summary(alone),
                    "  during flood: " + summary(flooded),
                    "flood tenant: " + flooding.uploaded.get() + " files in batches of " + Flood.BATCH
                            + " (poison Markdown: heading/table/link patterns; " + Flood.hugeBytes / 1024 + " KB texts; broken PDFs), kept at <= "
                            + Flood.BACKLOG + " waiting",
                    "  at the end:   " + floodOutcome);
            System.out.println(report);
            Path out = Path.of("target", "bench");
            Files.createDirectories(out);
            Files.writeString(out.resolve("fairness.txt"), report + "\n");
        }
    }

    private static String summary(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "p50 %,d ms, p95 %,d ms, max %,d ms (n=%d)", percentile(sorted, 50),
                percentile(sorted, 95), sorted.getLast(), sorted.size());
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** An ordinary municipal page: a heading, a few paragraphs, a list. */
    static byte[] page(int n) {
        StringBuilder sb = new StringBuilder("# Bürgerservice " + n + "\n\n");
        for (int i = 0; i < 6; i++) {
            sb.append("Das Bürgerbüro ").append(n).append(" hilft bei Meldebescheinigungen, Ausweisen und Anträgen. ")
                    .append("Termine gibt es montags bis freitags von 8 bis 12 Uhr, donnerstags auch bis 18 Uhr. ")
                    .append("Bitte bringen Sie Ihren Personalausweis und die nötigen Unterlagen mit.\n\n");
        }
        sb.append("## Gebühren\n\n- Meldebescheinigung: 10 Euro\n- Führungszeugnis: 13 Euro\n- Beglaubigung: 5 Euro\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One tenant with an editor, a space and the documents it uploaded. */
    private static final class Tenant {
        final TestApi api;
        final String slug;
        final String token;
        final String spaceId;
        List<String> lastIds = List.of();

        private Tenant(TestApi api, String slug, String token, String spaceId) {
            this.api = api;
            this.slug = slug;
            this.token = token;
            this.spaceId = spaceId;
        }

        static Tenant create(TestApi api, String name) {
            String slug = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            api.createTenant(slug);
            String token = api.userToken(slug, Role.EDITOR);
            String space = api.post("/api/v1/tenants/" + slug + "/spaces", token, Map.of("name", "Dokumente")).json()
                    .get("id").asString();
            return new Tenant(api, slug, token, space);
        }

        List<String> upload(Map<String, byte[]> files) {
            TestApi.Response r = api.multipart("/api/v1/tenants/" + slug + "/spaces/" + spaceId + "/documents", token,
                    "files", files);
            if (r.status() != 202) {
                throw new IllegalStateException("upload failed: " + r);
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode d : r.json().get("items")) {
                ids.add(d.get("id").asString());
            }
            lastIds = ids;
            return ids;
        }

        List<String> upload(String name, byte[] content) {
            return upload(Map.of(name, content));
        }

        String status(String id) {
            return api.get("/api/v1/tenants/" + slug + "/documents/" + id, token).json().get("status").asString();
        }

        void awaitSettled(List<String> ids) throws InterruptedException {
            for (String id : ids) {
                while (status(id).equals("pending")) {
                    Thread.sleep(20);
                }
            }
        }

        /** Uploads n pages one after the other; for each, the time from the upload's answer until it is indexed. */
        List<Long> measure(int n, int offset) throws InterruptedException {
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = upload("seite-" + (offset + i) + ".md", page(offset + i)).getFirst();
                long start = System.nanoTime();
                String status;
                while ((status = status(id)).equals("pending")) {
                    Thread.sleep(10);
                }
                if (!status.equals("indexed")) {
                    throw new IllegalStateException("an ordinary page ended as " + status);
                }
                out.add((System.nanoTime() - start) / 1_000_000);
                System.err.println("fairness: page " + (i + 1) + "/" + n + " indexed after " + out.getLast() + " ms");
            }
            return out;
        }

        Map<String, Integer> statusCounts() {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (JsonNode c : api.get("/api/v1/tenants/" + slug + "/documents/counts", token).json().get("items")) {
                out.merge(c.get("status").asString(), c.get("count").asInt(), Integer::sum);
            }
            return out;
        }
    }

    /** Keeps the flood tenant's backlog full of bad and huge files until stopped. */
    private static final class Flood implements Runnable {
        static final int BATCH = 9;
        static final int BACKLOG = 18;
        static int hugeBytes = 500 * 1024;

        final Tenant tenant;
        final AtomicBoolean stopped = new AtomicBoolean();
        final AtomicInteger uploaded = new AtomicInteger();
        final AtomicInteger batches = new AtomicInteger();
        final Random random = new Random(42);
        final List<String> ids = Collections.synchronizedList(new ArrayList<>());

        Flood(Tenant tenant) {
            this.tenant = tenant;
        }

        @Override
        public void run() {
            try {
                while (!stopped.get() && uploaded.get() < FLOOD_CAP) {
                    if (waiting() < BACKLOG) {
                        Map<String, byte[]> files = new LinkedHashMap<>();
                        int b = batches.get();
                        for (int i = 0; i < BATCH; i++) {
                            String name = "flut-" + b + "-" + i;
                            switch (i % 3) {
                                case 0 -> files.put(name + ".md", poison(i));
                                case 1 -> files.put(name + ".txt", huge());
                                default -> files.put(name + ".pdf", brokenPdf());
                            }
                        }
                        ids.addAll(tenant.upload(files));
                        uploaded.addAndGet(files.size());
                        batches.incrementAndGet();
                    }
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private long waiting() {
            List<String> copy;
            synchronized (ids) {
                copy = new ArrayList<>(ids);
            }
            return copy.stream().filter(id -> tenant.status(id).equals("pending")).count();
        }

        void awaitFirstBatches(int n) throws InterruptedException {
            while (batches.get() < n) {
                Thread.sleep(50);
            }
        }

        void stop() {
            stopped.set(true);
        }

        /** The inputs that made the old Markdown patterns backtrack (cubic headings, quadratic tables and links). */
        static byte[] poison(int i) {
            String body = switch ((i / 3) % 3) {
                case 0 -> ("# a" + " ".repeat(3_000) + "b\n").repeat(20);
                case 1 -> "|" + " ".repeat(40_000) + "\n";
                default -> "[".repeat(40_000) + "\n";
            };
            return body.getBytes(StandardCharsets.UTF_8);
        }

        /** Varied German text of {@link #hugeBytes}: hundreds of chunks to embed. */
        byte[] huge() {
            String[] words = {"Gemeinde", "Satzung", "Gebühr", "Antrag", "Bürger", "Verwaltung", "Schule", "Straße",
                    "Abfall", "Wasser", "Hund", "Steuer", "Kita", "Bauamt", "Friedhof", "Sport", "Halle", "Termin",
                    "Formular", "Ausweis", "Meldung", "Rat", "Sitzung", "Haushalt", "Plan", "Bebauung", "Park"};
            StringBuilder sb = new StringBuilder(hugeBytes + 200);
            while (sb.length() < hugeBytes) {
                int n = 8 + random.nextInt(12);
                for (int w = 0; w < n; w++) {
                    sb.append(words[random.nextInt(words.length)]).append(random.nextInt(1000)).append(' ');
                }
                sb.append(".\n");
                if (random.nextInt(20) == 0) {
                    sb.append("\n");
                }
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        byte[] brokenPdf() {
            byte[] bytes = new byte[200_000];
            random.nextBytes(bytes);
            byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(header, 0, bytes, 0, header.length);
            return bytes;
        }
    }
}
