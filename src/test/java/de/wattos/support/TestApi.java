package de.wattos.support;

import de.wattos.platform.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small client for the real REST API on the test server's port: logs in as the platform admin (password from
 * the test profile), creates tenants and users, and sends JSON or multipart requests.
 *
 * <pre>
 * TestApi api = new TestApi(port);
 * var tenant = api.createTenant();
 * String editor = api.userToken(tenant.slug(), Role.EDITOR);
 * var response = api.post("/api/v1/tenants/" + tenant.slug() + "/spaces", editor, Map.of("name", "Web"));
 * assertThat(response.status()).isEqualTo(201);
 * </pre>
 */
public final class TestApi {

    public static final String ADMIN_PASSWORD = "test-admin-password-123";
    public static final JsonMapper JSON = JsonMapper.builder().build();
    /** Admin access tokens per server port with the time they were issued: renewed well before they expire. */
    private static final Map<Integer, IssuedToken> ADMIN_TOKENS = new ConcurrentHashMap<>();
    private static final Duration ADMIN_TOKEN_RENEWAL = Duration.ofMinutes(5);

    private record IssuedToken(String token, Instant issuedAt) {
        boolean fresh() {
            return Instant.now().isBefore(issuedAt.plus(ADMIN_TOKEN_RENEWAL));
        }
    }

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestApi(int port) {
        this.port = port;
    }

    public record Tenant(UUID id, String slug) {
    }

    public record Response(int status, String body, Map<String, List<String>> headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        /** The problem+json {@code code}, or null. */
        public String code() {
            try {
                JsonNode node = json().get("code");
                return node == null ? null : node.asString();
            } catch (RuntimeException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String adminToken() {
        // a long suite on a busy machine outlives the 15-minute access token: log in again after a few minutes
        return ADMIN_TOKENS.compute(port, (p, issued) -> issued != null && issued.fresh() ? issued
                : new IssuedToken(login("admin", ADMIN_PASSWORD, null), Instant.now())).token();
    }

    public String login(String username, String password, String tenant) {
        Map<String, Object> body = tenant == null ? Map.of("username", username, "password", password)
                : Map.of("username", username, "password", password, "tenant", tenant);
        Response r = post("/api/v1/auth/login", null, body);
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r);
        }
        return r.json().get("accessToken").asString();
    }

    /** A new tenant with a random slug. */
    public Tenant createTenant() {
        return createTenant("t-" + UUID.randomUUID().toString().substring(0, 12));
    }

    public Tenant createTenant(String slug) {
        Response r = post("/api/v1/tenants", adminToken(), Map.of("slug", slug, "name", "Gemeinde " + slug));
        if (r.status() != 201) {
            throw new IllegalStateException("tenant creation failed: " + r);
        }
        return new Tenant(UUID.fromString(r.json().get("id").asString()), slug);
    }

    /** Creates a user with the role in the tenant and returns its access token. */
    public String userToken(String tenantSlug, Role role) {
        String username = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        Response r = post("/api/v1/tenants/" + tenantSlug + "/users", adminToken(),
                Map.of("username", username, "password", password, "roles", List.of(role.name())));
        if (r.status() != 201) {
            throw new IllegalStateException("user creation failed: " + r);
        }
        return login(username, password, tenantSlug);
    }

    /** Creates an API key with the role in the tenant and returns its secret. */
    public String apiKey(String tenantSlug, Role role) {
        Response r = post("/api/v1/tenants/" + tenantSlug + "/api-keys", adminToken(),
                Map.of("name", "key-" + UUID.randomUUID().toString().substring(0, 8), "roles", List.of(role.name())));
        if (r.status() != 201) {
            throw new IllegalStateException("api key creation failed: " + r);
        }
        return r.json().get("secret").asString();
    }

    public Response get(String path, String token) {
        return send(builder(path, token).GET());
    }

    public Response delete(String path, String token) {
        return send(builder(path, token).DELETE());
    }

    public Response post(String path, String token, Object body) {
        return send(builder(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    public Response put(String path, String token, Object body) {
        return send(builder(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    /** Raw request with any method, content type and body (for bad-input tests). */
    public Response raw(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder b = builder(path, token);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** One file part per entry (name -> content), all under the part name given. */
    public Response multipart(String path, String token, String partName, Map<String, byte[]> files) {
        String boundary = "----wattos" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (var file : files.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\""
                        + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(file.getValue());
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return send(builder(path, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    public HttpRequest.Builder builder(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient http() {
        return http;
    }
}
