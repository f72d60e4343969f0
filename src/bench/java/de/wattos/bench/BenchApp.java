package de.wattos.bench;

import de.wattos.WattosApplication;
import de.wattos.platform.TenantRef;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WattOS started for a benchmark: a fresh data directory, fsync off, a random port, warnings only; tenants are made
 * through the public API as an operator would, and the figures go to the console and {@code target/<name>.txt}.
 */
public final class BenchApp implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PASSWORD = "bench-admin-password-123";

    private final ConfigurableApplicationContext app;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private String adminToken;

    private final Path dataDir;

    private BenchApp(ConfigurableApplicationContext app, Path dataDir) {
        this.app = app;
        this.dataDir = dataDir;
        this.baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /**
     * Starts WattOS in this JVM on a temporary data directory named after the benchmark (removed again on
     * {@link #close()}); {@code extraArgs} are further {@code --name=value} settings of the benchmark.
     */
    public static BenchApp start(String name, String... extraArgs) throws IOException {
        Path dataDir = Files.createTempDirectory("wattos-bench-" + name);
        System.setProperty("wattos.db.fsync", "off");
        List<String> args = new java.util.ArrayList<>(List.of(
                "--wattos.data-dir=" + dataDir, "--server.port=0", "--wattos.network.allow-private-networks=true",
                "--logging.level.root=warn", "--wattos.admin.password=" + ADMIN_PASSWORD));
        args.addAll(List.of(extraArgs));
        return new BenchApp(new SpringApplicationBuilder(WattosApplication.class).run(args.toArray(String[]::new)),
                dataDir);
    }

    /** The temporary data directory (the embedded PostgreSQL's data lies below it). */
    public Path dataDir() {
        return dataDir;
    }

    /** {@code http://127.0.0.1:<port>} of the started WattOS. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The platform admin's bearer token (signed in on first use). */
    public String adminToken() throws Exception {
        if (adminToken == null) {
            adminToken = send("/api/v1/auth/login", null, "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}")
                    .path("accessToken").asString();
        }
        return adminToken;
    }

    public <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    /** A new tenant, made by the platform admin through the API. */
    public TenantRef createTenant() throws Exception {
        String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode tenant = post("/api/v1/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"Benchstadt\"}");
        return new TenantRef(UUID.fromString(tenant.path("id").asString()), slug, "de", ZoneId.of("Europe/Berlin"));
    }

    /** POSTs JSON as the platform admin; anything but success ends the benchmark. */
    public JsonNode post(String path, String json) throws Exception {
        return send(path, adminToken(), json);
    }

    private JsonNode send(String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " → " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Prints the figures and writes them to {@code target/<file>} (the temporary directory outside a checkout). */
    public static void report(String file, List<String> lines) throws IOException {
        lines.forEach(System.out::println);
        Path out = Path.of("target");
        if (!Files.isDirectory(out)) {
            out = Path.of(System.getProperty("java.io.tmpdir"));
        }
        Files.write(out.resolve(file), lines);
        System.out.println("written to " + out.resolve(file).toAbsolutePath());
    }

    /** The integer value of {@code --name=value} among the arguments, or the default. */
    public static int option(String[] args, String name, int defaultValue) {
        String prefix = "--" + name + "=";
        for (String a : args) {
            if (a.startsWith(prefix)) {
                return Integer.parseInt(a.substring(prefix.length()));
            }
        }
        return defaultValue;
    }

    @Override
    public void close() {
        app.close();
        try (java.util.stream.Stream<Path> walk = Files.walk(dataDir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dataDir + ": " + e);
        }
    }
}
