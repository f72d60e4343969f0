package de.wattos.character.internal.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.wattos.WattosApplication;
import de.wattos.character.internal.CharacterService;
import de.wattos.character.internal.PersonaGeneration;
import de.wattos.character.internal.PersonaJob;
import de.wattos.character.internal.PersonaService;
import de.wattos.knowledge.IncomingDocument;
import de.wattos.knowledge.IngestResult;
import de.wattos.knowledge.Ingestion;
import de.wattos.knowledge.KnowledgeSpaces;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./wattos bench personas [documents]}: starts WattOS offline in a temporary data directory (embeddings
 * from a loopback {@code /embeddings} stub with hashed vectors, so loading takes seconds; persona generation itself
 * uses no embeddings), ingests N documents (default 1,000: the saved Ingolstadt pages from evaldata when present,
 * the rest generated German municipal text about many target groups) through the knowledge module, and times the
 * persona generation (reading the chunks, German analysis, clustering, rule set, merging, scoring with the real
 * lexical knowledge search) three times.
 */
public final class PersonaBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dataDir = Files.createTempDirectory("wattos-bench-personas");
        HttpServer embeddings = embeddingStub();
        try {
            String password = "bench-admin-password-1";
            ConfigurableApplicationContext app = new SpringApplicationBuilder(WattosApplication.class).run(
                    "--wattos.data-dir=" + dataDir, "--server.port=0", "--wattos.admin.password=" + password,
                    "--wattos.db.fsync=off", "--logging.level.root=warn", "--logging.level.de.wattos=warn",
                    "--wattos.knowledge.embeddings.provider=openai",
                    "--wattos.knowledge.embeddings.base-url=http://127.0.0.1:" + embeddings.getAddress().getPort() + "/v1",
                    "--wattos.knowledge.embeddings.model=stub-embedding");
            try {
                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                HttpClient http = HttpClient.newHttpClient();
                String token = post(http, port, "/api/v1/auth/login", null, Map.of("username", "admin", "password", password))
                        .get("accessToken").asString();
                String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
                JsonNode tenant = post(http, port, "/api/v1/tenants", token, Map.of("slug", slug, "name", "Stadt Benchhausen"));
                UUID tenantId = UUID.fromString(tenant.get("id").asString());
                UUID spaceId = UUID.fromString(post(http, port, "/api/v1/tenants/" + slug + "/spaces", token,
                        Map.of("name", "Website")).get("id").asString());
                TenantRef ref = new TenantRef(tenantId, slug, "de", ZoneId.of("Europe/Berlin"));
                List<Doc> docs = documents(target);
                long loadStart = System.nanoTime();
                int chunks = load(app.getBean(Ingestion.class), ref, spaceId, docs);
                long loadMs = (System.nanoTime() - loadStart) / 1_000_000;
                System.out.printf(Locale.ROOT, "PersonaBenchmark: %d documents (%d chunks) ingested in %,d ms; %d cores, max heap %d MB%n",
                        docs.size(), chunks, loadMs, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
                PersonaService personas = app.getBean(PersonaService.class);
                CharacterService characters = app.getBean(CharacterService.class);
                long[] runs = new long[3];
                for (int i = 0; i < runs.length; i++) {
                    long start = System.nanoTime();
                    PersonaGeneration.Result r = TenantContext.callAs(ref, () -> personas.generateNow(
                            new PersonaJob.GenerateRequest(characters.defaultCharacter().id(), List.of(spaceId), 10, 0.7)));
                    runs[i] = (System.nanoTime() - start) / 1_000_000;
                    System.out.printf(Locale.ROOT, "run %d: generation %,d ms (inside the generator %,d ms): %d documents, %d chunks, "
                            + "%d clusters, %d candidates → %d personas, %d dropped, %d merged%n", i + 1, runs[i],
                            r.stats().millis(), r.stats().documents(), r.stats().chunks(), r.stats().clusters(),
                            r.stats().candidates(), r.personas().size(), r.dropped().size(), r.merged().size());
                    if (i == 0) {
                        r.personas().forEach(p -> System.out.printf(Locale.ROOT, "  %-42s score %.2f %s%n", p.name(),
                                p.qualityScore(), p.scoreBreakdown()));
                    }
                }
                long[] sorted = runs.clone();
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "persona generation over %d documents: median %,d ms, max %,d ms (budget 30,000 ms)%n",
                        docs.size(), sorted[1], sorted[2]);
            } finally {
                app.close();
            }
        } finally {
            embeddings.stop(0);
            try (Stream<Path> walk = Files.walk(dataDir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    record Doc(String url, String title, String contentType, byte[] content) {
    }

    private static List<Doc> documents(int target) throws IOException {
        List<Doc> out = new ArrayList<>();
        Path site = Path.of(System.getProperty("wattos.evaldata", "../shared/evaldata"), "website/sdg.nachhaltigkeitsagenda-ingolstadt.de");
        if (Files.isDirectory(site)) {
            try (Stream<Path> walk = Files.walk(site)) {
                for (Path p : walk.filter(f -> f.getFileName().toString().equals("index.html")
                        && !f.toString().contains("-iframe")).sorted().toList()) {
                    if (out.size() >= target) {
                        break;
                    }
                    out.add(new Doc("https://sdg.example/" + site.relativize(p.getParent()), null, "text/html", Files.readAllBytes(p)));
                }
            }
        }
        Random random = new Random(7);
        String[] subjects = {"Kita-Plätze und Kinderbetreuung für Familien", "Pflegeberatung für Seniorinnen und Senioren",
            "Gewerbeanmeldung und Wirtschaftsförderung für Unternehmen", "Ausbildung, Schule und Studium",
            "barrierefreie Angebote und Inklusion für Menschen mit Behinderung", "Stadtführungen, Museen und Veranstaltungen für Gäste",
            "Klimaschutz, Energie und Abfall", "Busverbindungen, Radwege und Parken", "Wohngeld und Hilfe bei Armut",
            "Bauantrag, Wohnraum und Miete", "Ehrenamt und Vereine", "Integrationskurse und Aufenthalt für Zugewanderte",
            "Anmeldung des Wohnsitzes nach dem Umzug", "Gesundheit, Vorsorge und Sport"};
        String[] sentences = {"Die Stadtverwaltung informiert über %s.", "Beratungstermine zu %s gibt es im Bürgerbüro.",
            "Anträge zu %s können online gestellt werden.", "Die Gebühren für %s richten sich nach der Satzung.",
            "Ansprechpartner für %s erreichen Sie montags bis freitags.", "Neue Angebote zu %s starten im Frühjahr.",
            "Der Stadtrat hat Ziele für %s beschlossen.", "Fragen zu %s beantwortet das Servicetelefon."};
        for (int n = out.size(); n < target; n++) {
            String subject = subjects[n % subjects.length];
            StringBuilder text = new StringBuilder(subject.substring(0, 1).toUpperCase(Locale.GERMAN) + subject.substring(1)).append("\n\n");
            for (int s = 0; s < 40; s++) {
                String other = random.nextInt(5) == 0 ? subjects[random.nextInt(subjects.length)] : subject;
                text.append(sentences[random.nextInt(sentences.length)].formatted(other)).append(' ');
                if (s % 8 == 7) {
                    text.append("\n\n");
                }
            }
            text.append("Seite ").append(n).append('.');
            out.add(new Doc("https://www.benchhausen.de/seite/" + n, "Benchhausen: " + subject + " (" + n + ")", "text/plain",
                    text.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static int load(Ingestion ingestion, TenantRef tenant, UUID spaceId, List<Doc> docs) throws Exception {
        java.util.concurrent.atomic.AtomicInteger chunks = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                running.add(pool.submit(() -> TenantContext.callAs(tenant, () -> {
                    int i;
                    while ((i = next.getAndIncrement()) < docs.size()) {
                        Doc d = docs.get(i);
                        IngestResult r = ingestion.ingest(new IncomingDocument(spaceId, null, d.url(), d.title(), d.contentType(),
                                d.content(), Map.of()));
                        chunks.addAndGet(r.chunkCount());
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

    private static JsonNode post(HttpClient http, int port, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " → " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** OpenAI-compatible {@code /v1/embeddings} on loopback: hashed bag-of-words vectors, 64 dimensions. */
    private static HttpServer embeddingStub() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                List<Map<String, Object>> data = new ArrayList<>();
                int i = 0;
                for (JsonNode input : body.path("input").isArray() ? body.path("input") : JSON.createArrayNode().add(body.path("input"))) {
                    float[] v = new float[64];
                    for (String w : input.asString("").toLowerCase(Locale.ROOT).split("\\W+")) {
                        v[Math.floorMod(w.hashCode(), 64)] += 1;
                    }
                    double norm = 0;
                    for (float x : v) {
                        norm += x * x;
                    }
                    List<Double> list = new ArrayList<>();
                    for (float x : v) {
                        list.add(norm == 0 ? 0.125 : x / Math.sqrt(norm));
                    }
                    data.add(Map.of("object", "embedding", "index", i++, "embedding", list));
                }
                respond(exchange, Map.of("object", "list", "data", data, "model", "stub-embedding",
                        "usage", Map.of("prompt_tokens", 1, "total_tokens", 1)));
            }
        });
        server.start();
        return server;
    }

    private static void respond(HttpExchange exchange, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
