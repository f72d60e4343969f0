package de.wattos.chat.internal.bench;

import de.wattos.WattosApplication;
import de.wattos.chat.Chat;
import de.wattos.knowledge.IncomingDocument;
import de.wattos.knowledge.IngestResult;
import de.wattos.knowledge.Ingestion;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.tenancy.Tenants;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./wattos bench answers}: answer quality as a citizen sees it. Starts WattOS on a temporary data directory
 * with no language model (the built-in extractive answerer answers) and the offline embeddings, loads the evaldata
 * material (the saved municipal website, the Grundgesetz and some municipal bylaws) through {@link Ingestion}, asks
 * every question of {@code bench/answers.tsv} in a fresh conversation and classifies the answer:
 *
 * <ul>
 *   <li>answerable: <b>correct</b> (the expected fact is in the answer and the expected page is cited),
 *       <b>wrong</b> (an answer without the fact or without the right source), <b>honest</b> (a no-answer);</li>
 *   <li>not answerable from the material: <b>honest</b> (a no-answer) or <b>invented</b> (anything else).</li>
 * </ul>
 *
 * Prints the figures and writes them, with every question's verdict and answer, to {@code target/bench/answers.txt}.
 * Options: {@code --evaldata=../shared/evaldata --questions=<file> --out=target/bench}.
 */
public final class AnswerBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PASSWORD = "bench-admin-password-" + UUID.randomUUID();
    private static final String SITE = "website/sdg.nachhaltigkeitsagenda-ingolstadt.de";
    private static final String SITE_URL = "https://sdg.nachhaltigkeitsagenda-ingolstadt.de/";
    private static final String BYLAWS = "qa/ragsource-9f1de2f/regelungsrahmen/Laender_und_Kommunen/bw/Lkr_GP/ABG/";
    private static final List<String> DOCUMENTS = List.of("documents/GG.pdf", BYLAWS + "ABG_Satzung_Hundesteuer.md",
            BYLAWS + "ABG_Satzung_Streupflicht.md", BYLAWS + "ABG_Satzung_Friedhof.md");

    enum Verdict { CORRECT, WRONG, HONEST, INVENTED }

    record Question(boolean answerable, String text, Pattern fact, Pattern source) {
    }

    private AnswerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            if (a.startsWith("--") && a.contains("=")) {
                options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        Path evaldata = Path.of(options.getOrDefault("evaldata", System.getProperty("wattos.evaldata", "../shared/evaldata")));
        if (!Files.isDirectory(evaldata.resolve(SITE))) {
            System.err.println("answers benchmark: " + evaldata.toAbsolutePath() + " has no " + SITE
                    + " (evaldata absent?). Pass --evaldata=<dir>.");
            System.exit(2);
        }
        List<Question> questions = questions(options.get("questions"));
        Path out = Path.of(options.getOrDefault("out", "target/bench"));
        // --data=<dir> keeps the loaded material between runs (for tuning); default: a fresh temporary directory
        Path dataDir = options.containsKey("data") ? Path.of(options.get("data")) : Files.createTempDirectory("wattos-bench-answers");
        Path marker = dataDir.resolve("answers-bench.properties");
        java.util.Properties saved = new java.util.Properties();
        if (Files.exists(marker)) {
            try (var in = Files.newInputStream(marker)) {
                saved.load(in);
            }
        }
        String adminPassword = saved.getProperty("password", ADMIN_PASSWORD);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(WattosApplication.class).run(
                "--wattos.data-dir=" + dataDir, "--server.port=0", "--wattos.admin.password=" + adminPassword,
                "--wattos.db.fsync=off", "--logging.level.root=warn", "--logging.level.de.wattos=warn");
        try {
            int[] loaded = {0, 0};
            long loadMs = 0;
            UUID tenantId;
            UUID spaceId;
            if (saved.containsKey("tenant")) {
                tenantId = UUID.fromString(saved.getProperty("tenant"));
                spaceId = UUID.fromString(saved.getProperty("space"));
            } else {
                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                Api api = new Api("http://127.0.0.1:" + port);
                String admin = api.send("POST", "/api/v1/auth/login", null,
                        Map.of("username", "admin", "password", adminPassword)).get("accessToken").asString();
                String slug = "answers-" + UUID.randomUUID().toString().substring(0, 8);
                tenantId = UUID.fromString(api.send("POST", "/api/v1/tenants", admin,
                        Map.of("slug", slug, "name", "Stadt Benchhausen")).get("id").asString());
                String base = "/api/v1/tenants/" + slug;
                api.send("PUT", base + "/settings", admin, Map.of("contact", Map.of("email", "buergerservice@example.org",
                        "phone", "+49 841 305-0", "url", "https://www.example.org/kontakt", "hours", "Mo–Fr 8–12 Uhr")));
                spaceId = UUID.fromString(api.send("POST", base + "/spaces", admin, Map.of("name", "Wissen"))
                        .get("id").asString());
                TenantRef ref = app.getBean(Tenants.class).ref(tenantId).orElseThrow();
                UUID space = spaceId;
                long loadStart = System.nanoTime();
                loaded = TenantContext.callAs(ref, () -> load(app.getBean(Ingestion.class), space, evaldata));
                loadMs = (System.nanoTime() - loadStart) / 1_000_000;
                if (options.containsKey("data")) {
                    saved.setProperty("password", adminPassword);
                    saved.setProperty("tenant", tenantId.toString());
                    saved.setProperty("space", spaceId.toString());
                    try (var o = Files.newOutputStream(marker)) {
                        saved.store(o, "answers benchmark: material loaded");
                    }
                }
            }
            TenantRef tenant = app.getBean(Tenants.class).ref(tenantId).orElseThrow();

            Chat chat = app.getBean(Chat.class);
            Map<Verdict, Integer> answerable = new EnumMap<>(Verdict.class);
            Map<Verdict, Integer> unanswerable = new EnumMap<>(Verdict.class);
            List<String> details = new ArrayList<>();
            long askStart = System.nanoTime();
            java.util.regex.Pattern only = options.containsKey("only") ? Pattern.compile(options.get("only")) : null;
            for (Question q : questions) {
                if (only != null && !only.matcher(q.text()).find()) {
                    continue;
                }
                UUID space = spaceId;
                if (options.containsKey("hits")) {
                    var hits = TenantContext.callAs(tenant, () -> app.getBean(de.wattos.knowledge.KnowledgeSearch.class)
                            .search(de.wattos.knowledge.SearchQuery.of(q.text(), List.of(space), 6)).hits());
                    for (var h : hits) {
                        details.add("   hit %.3f %s | %s | %s".formatted(h.score(), h.url() == null ? h.title() : h.url(),
                                h.headingPath(), h.text().replace('\n', '⏎')));
                    }
                }
                Chat.AnswerSummary a = TenantContext.callAs(tenant, () -> chat.ask(
                        chat.startConversation(List.of(space), null, "bench", "de"), q.text(), Chat.AskOptions.DEFAULT));
                Verdict v = judge(q, a);
                (q.answerable() ? answerable : unanswerable).merge(v, 1, Integer::sum);
                details.add("%-8s %s %s%n         → %s%n         sources: %s".formatted(v, q.answerable() ? "A" : "U",
                        q.text(), a.content().replace('\n', ' '),
                        a.citations().stream().map(c -> c.n() + " " + (c.url() == null ? c.title() : c.url())).toList()));
            }
            long askMs = (System.nanoTime() - askStart) / 1_000_000;
            int na = questions.stream().filter(Question::answerable).toList().size();
            int nu = questions.size() - na;
            List<String> report = new ArrayList<>();
            report.add("WattOS answer benchmark (%s): %d answerable + %d unanswerable questions, extractive answerer"
                    .formatted(Instant.now(), na, nu));
            report.add("material: %d pages/documents indexed (%d chunks) in %d ms; %d questions answered in %d ms (%.0f ms each)"
                    .formatted(loaded[0], loaded[1], loadMs, questions.size(), askMs, askMs / (double) questions.size()));
            report.add("answerable:   correct %s   wrong %s   honest no-answer %s".formatted(
                    share(answerable, Verdict.CORRECT, na), share(answerable, Verdict.WRONG, na), share(answerable, Verdict.HONEST, na)));
            report.add("unanswerable: honest %s   invented %s".formatted(
                    share(unanswerable, Verdict.HONEST, nu), share(unanswerable, Verdict.INVENTED, nu)));
            report.forEach(System.out::println);
            Files.createDirectories(out);
            Files.writeString(out.resolve("answers.txt"), String.join("\n", report) + "\n\n" + String.join("\n", details) + "\n");
            System.out.println("details: " + out.resolve("answers.txt").toAbsolutePath());
        } finally {
            app.close();
        }
        System.exit(0);
    }

    static Verdict judge(Question q, Chat.AnswerSummary a) {
        if (!q.answerable()) {
            return a.noAnswer() ? Verdict.HONEST : Verdict.INVENTED;
        }
        if (a.noAnswer()) {
            return Verdict.HONEST;
        }
        boolean fact = q.fact().matcher(a.content()).find();
        boolean source = a.citations().stream().anyMatch(c -> q.source().matcher(
                (c.url() == null ? "" : c.url()) + "\n" + (c.title() == null ? "" : c.title())).find());
        return fact && source ? Verdict.CORRECT : Verdict.WRONG;
    }

    private static String share(Map<Verdict, Integer> counts, Verdict v, int total) {
        int n = counts.getOrDefault(v, 0);
        return "%d/%d (%.0f %%)".formatted(n, total, total == 0 ? 0 : 100.0 * n / total);
    }

    static List<Question> questions(String file) throws IOException {
        String text;
        if (file != null) {
            text = Files.readString(Path.of(file));
        } else {
            try (InputStream in = AnswerBenchmark.class.getResourceAsStream("/bench/answers.tsv")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        List<Question> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            boolean answerable = f[0].equals("A");
            out.add(new Question(answerable, f[1],
                    answerable ? Pattern.compile(f[2], Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE) : null,
                    answerable ? Pattern.compile(f[3], Pattern.CASE_INSENSITIVE | Pattern.MULTILINE) : null));
        }
        return out;
    }

    /** The website's pages as the crawler would hand them over, then the documents; returns {documents, chunks}. */
    private static int[] load(Ingestion ingestion, UUID spaceId, Path evaldata) throws IOException {
        int documents = 0;
        int chunks = 0;
        Path site = evaldata.resolve(SITE);
        List<Path> pages;
        try (Stream<Path> files = Files.walk(site)) {
            pages = files.filter(p -> p.getFileName().toString().equals("index.html")).sorted().toList();
        }
        for (Path page : pages) {
            String rel = site.relativize(page.getParent()).toString().replace('\\', '/');
            String url = SITE_URL + (rel.isEmpty() ? "" : rel + "/");
            IngestResult r = ingestion.ingest(new IncomingDocument(spaceId, null, url, null, "text/html",
                    Files.readAllBytes(page), Map.of()));
            documents += r.outcome() == IngestResult.Outcome.NEW ? 1 : 0;
            chunks += r.chunkCount();
        }
        for (String doc : DOCUMENTS) {
            Path file = evaldata.resolve(doc);
            String name = file.getFileName().toString();
            // the file name travels as the URL's last segment (the ingestion reads the type from it, as for uploads)
            IngestResult r = ingestion.ingest(new IncomingDocument(spaceId, null, file.toUri().toString(), name,
                    name.toLowerCase(Locale.ROOT).endsWith(".pdf") ? "application/pdf" : "text/markdown",
                    Files.readAllBytes(file), Map.of("filename", name)));
            if (r.outcome() == IngestResult.Outcome.FAILED) {
                System.err.println("could not ingest " + doc + ": " + r.reason());
            }
            documents += r.outcome() == IngestResult.Outcome.NEW ? 1 : 0;
            chunks += r.chunkCount();
        }
        return new int[] {documents, chunks};
    }

    private record Api(String base) {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

        JsonNode send(String method, String path, String token, Object body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        }
    }
}
