package de.wattos.kb;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.wattos.IntegrationTest;
import de.wattos.crawl.CrawlClient;
import de.wattos.crawl.FixtureSite;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.ZipInputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Approved crawl changes reach every configured sync target through the outbox, against real loopback servers: a
 * webhook that checks the HMAC signature and fails three times first, an F13 stub (Keycloak client-credentials token
 * endpoint and an operator ingestion route that wants the bearer token and answers like FastAPI), and the file
 * export. Each approved version arrives exactly once; a target that keeps failing is dead-lettered with its reason
 * and delivered after a retry from the API.
 */
@IntegrationTest
class KnowledgeSyncTest {

    static final String SECRET = "webhook-signing-secret-123";

    @LocalServerPort int port;
    FixtureSite site;
    CrawlClient crawl;
    TestApi api;
    String admin;
    String source;
    HttpServer receiver;
    final List<JsonNode> webhookAccepted = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger webhookFailuresLeft = new AtomicInteger();
    final List<JsonNode> f13Accepted = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger f13Unavailable = new AtomicInteger();
    final AtomicInteger tokensIssued = new AtomicInteger();
    final Set<String> tokens = ConcurrentHashMap.newKeySet();
    volatile boolean badSignatureSeen;

    @BeforeEach
    void setUp() throws IOException {
        site = new FixtureSite();
        crawl = new CrawlClient(port);
        api = crawl.api;
        admin = api.userToken(crawl.tenant.slug(), Role.TENANT_ADMIN);
        site.page("/", "Rathaus", "Willkommen im Rathaus der Gemeinde Quellenhausen.", "/abfall");
        site.page("/abfall", "Abfall", "Der Sperrmüll wird zweimal im Jahr abgeholt.");
        source = crawl.createSource(site.url("/"), Map.of("requiresApproval", true, "maxDepth", 1));
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", this::webhook);
        receiver.createContext("/realms/wattos/protocol/openid-connect/token", this::keycloakToken);
        receiver.createContext("/f13/ingest", this::f13Ingest);
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        site.close();
    }

    String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @Test
    void approvedChangesReachEveryTargetExactlyOnceDespiteFailures() throws Exception {
        webhookFailuresLeft.set(3);
        f13Unavailable.set(1);
        String webhook = createTarget(Map.of("name", "Website-Spiegel", "type", "webhook", "url", receiverUrl("/hook"),
                "secret", SECRET));
        String f13 = createTarget(Map.of("name", "quellenhausen", "type", "f13", "url", receiverUrl("/f13/ingest"),
                "secret", "f13-client-secret", "options", Map.of("tokenUrl",
                        receiverUrl("/realms/wattos/protocol/openid-connect/token"), "clientId", "wattos-sync")));
        String export = createTarget(Map.of("name", "Bündel", "type", "file-export"));
        JsonNode listed = api.get(crawl.tenantPath("/kb/sync-targets"), crawl.editor).json();
        assertThat(listed.size()).isEqualTo(3);
        assertThat(listed.get(0).get("hasSecret").asBoolean()).isTrue();
        assertThat(listed.toString()).doesNotContain(SECRET).doesNotContain("f13-client-secret");

        crawl.crawl(source);
        approveAllPending(2);

        JsonNode webhookTarget = await(webhook, t -> t.get("status").get("delivered").asInt() == 2);
        assertThat(webhookTarget.get("status").get("dead").asInt()).isZero();
        assertThat(badSignatureSeen).isFalse();
        assertThat(deliveryIds(webhookAccepted)).hasSize(2).doesNotHaveDuplicates();
        // the two approvals may reach the receiver in one batch or two: which item saw the failures varies
        assertThat(webhookFailuresLeft.get()).as("the receiver failed three times").isZero();
        JsonNode items = api.get(crawl.tenantPath("/kb/sync-targets/" + webhook + "/items"), crawl.editor).json();
        List<Integer> attempts = new ArrayList<>();
        items.get("items").forEach(i -> attempts.add(i.get("attempts").asInt()));
        assertThat(attempts).as("retried after failures, then delivered").anySatisfy(a -> assertThat(a).isGreaterThan(1));

        await(f13, t -> t.get("status").get("delivered").asInt() == 2);
        assertThat(deliveryIds(f13Accepted)).hasSize(2).doesNotHaveDuplicates();
        assertThat(f13Accepted).allSatisfy(d -> {
            assertThat(d.has("valid_from") && d.get("valid_from").isNull()).as("a page has no validity: " + d).isTrue();
            assertThat(d.get("persona_ids").isArray() && d.get("persona_ids").isEmpty()).as(d.toString()).isTrue();
        });
        assertThat(f13Accepted).allSatisfy(d -> assertThat(d.get("action").asString()).isEqualTo("upsert"));
        assertThat(f13Accepted).anySatisfy(d -> assertThat(d.get("text").asString()).contains("zweimal"));

        await(export, t -> t.get("status").get("delivered").asInt() == 2);
        assertThat(exportedLines(export)).hasSize(2);

        // a changed page: one more version per target, nothing delivered twice
        site.page("/abfall", "Abfall", "Der Sperrmüll wird viermal im Jahr abgeholt.");
        crawl.crawl(source);
        approveAllPending(1);
        await(webhook, t -> t.get("status").get("delivered").asInt() == 3);
        await(f13, t -> t.get("status").get("delivered").asInt() == 3);
        await(export, t -> t.get("status").get("delivered").asInt() == 3);
        assertThat(deliveryIds(webhookAccepted)).hasSize(3).doesNotHaveDuplicates();
        assertThat(deliveryIds(f13Accepted)).hasSize(3).doesNotHaveDuplicates();
        assertThat(tokensIssued.get()).as("the F13 token is cached while it is valid").isEqualTo(1);
        assertThat(api.post(crawl.tenantPath("/f13/sync-kb"), crawl.editor, Map.of()).status()).isEqualTo(202);
    }

    @Test
    void aTargetThatKeepsFailingIsDeadLetteredAndRetriedFromTheApi() throws Exception {
        webhookFailuresLeft.set(1000);
        String webhook = createTarget(Map.of("name", "Kaputt", "type", "webhook", "url", receiverUrl("/hook"),
                "secret", SECRET));
        crawl.crawl(source);
        approveAllPending(2);
        JsonNode dead = await(webhook, t -> t.get("status").get("dead").asInt() == 2);
        assertThat(dead.get("status").get("lastError").asString()).startsWith("HTTP 500");
        JsonNode deadItems = api.get(crawl.tenantPath("/kb/sync-targets/" + webhook + "/items?status=dead"), crawl.editor).json();
        assertThat(deadItems.get("total").asInt()).isEqualTo(2);
        assertThat(deadItems.get("items").get(0).get("attempts").asInt()).isEqualTo(5);

        webhookFailuresLeft.set(0);
        assertThat(api.post(crawl.tenantPath("/kb/sync-targets/" + webhook + "/retry"), crawl.editor, Map.of()).status())
                .as("retrying takes a tenant admin").isEqualTo(403);
        TestApi.Response retried = api.post(crawl.tenantPath("/kb/sync-targets/" + webhook + "/retry"), admin, Map.of());
        assertThat(retried.json().get("rows").asInt()).isEqualTo(2);
        await(webhook, t -> t.get("status").get("delivered").asInt() == 2);
        assertThat(deliveryIds(webhookAccepted)).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void badTargetsAreRefusedWithReasons() {
        TestApi.Response unknown = api.post(crawl.tenantPath("/kb/sync-targets"), admin, Map.of("name", "X", "type", "ftp"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("sync_target_type_unknown");
        assertThat(api.post(crawl.tenantPath("/kb/sync-targets"), admin, Map.of("name", "X", "type", "webhook",
                "url", receiverUrl("/hook"))).status()).as("a webhook without a signing secret").isEqualTo(400);
        assertThat(api.post(crawl.tenantPath("/kb/sync-targets"), admin, Map.of("name", "X", "type", "webhook",
                "url", "ftp://example.org/x", "secret", "s")).status()).isEqualTo(400);
        assertThat(api.post(crawl.tenantPath("/kb/sync-targets"), admin, Map.of("name", "X", "type", "f13",
                "url", receiverUrl("/f13/ingest"))).status()).as("f13 without Keycloak client").isEqualTo(400);
        assertThat(api.post(crawl.tenantPath("/kb/sync-targets"), crawl.editor, Map.of("name", "X", "type", "file-export"))
                .status()).as("an editor does not configure targets").isEqualTo(403);
        assertThat(api.get(crawl.tenantPath("/kb/sync-targets/" + java.util.UUID.randomUUID()), crawl.editor).status())
                .isEqualTo(404);
    }

    // --- helpers

    private String createTarget(Map<String, Object> body) {
        TestApi.Response r = api.post(crawl.tenantPath("/kb/sync-targets"), admin, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private void approveAllPending(int expected) {
        JsonNode pending = api.get(crawl.tenantPath("/kb/changes?size=100"), admin).json().get("items");
        assertThat(pending.size()).isEqualTo(expected);
        List<String> ids = new ArrayList<>();
        pending.forEach(c -> ids.add(c.get("id").asString()));
        TestApi.Response r = api.post(crawl.tenantPath("/kb/changes/approve"), admin, Map.of("ids", ids));
        assertThat(r.json().get("approved").asInt()).as(r.toString()).isEqualTo(expected);
    }

    private JsonNode await(String target, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (true) {
            JsonNode t = api.get(crawl.tenantPath("/kb/sync-targets/" + target), crawl.editor).json();
            if (done.test(t)) {
                return t;
            }
            assertThat(System.currentTimeMillis()).as("target state reached: " + t).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static List<String> deliveryIds(List<JsonNode> accepted) {
        synchronized (accepted) {
            return accepted.stream().map(i -> i.has("deliveryId") ? i.get("deliveryId").asString()
                    : i.get("delivery_id").asString()).toList();
        }
    }

    private List<JsonNode> exportedLines(String target) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (JsonNode bundle : api.get(crawl.tenantPath("/kb/sync-targets/" + target + "/exports"), crawl.editor).json()) {
            java.net.http.HttpResponse<byte[]> response;
            try {
                response = api.http().send(api.builder(crawl.tenantPath("/kb/sync-targets/" + target + "/exports/"
                        + bundle.get("name").asString()), crawl.editor).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            assertThat(response.statusCode()).isEqualTo(200);
            byte[] zip = response.body();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
                assertThat(in.getNextEntry().getName()).isEqualTo("items.jsonl");
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        lines.add(TestApi.JSON.readTree(line));
                    }
                }
            }
        }
        return lines;
    }

    // --- the loopback receivers

    private void webhook(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String timestamp = exchange.getRequestHeaders().getFirst("X-WattOS-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-WattOS-Signature");
        if (timestamp == null || signature == null
                || !signature.equals("sha256=" + hmac(timestamp + "." + new String(body, StandardCharsets.UTF_8)))) {
            badSignatureSeen = true;
            reply(exchange, 401, "{\"error\":\"bad signature\"}", "application/json");
            return;
        }
        if (webhookFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply(exchange, 500, "receiver down", "text/plain");
            return;
        }
        TestApi.JSON.readTree(body).get("items").forEach(webhookAccepted::add);
        reply(exchange, 204, "", "text/plain");
    }

    /** Keycloak's token endpoint for the client-credentials grant, as F13's gateway uses it. */
    private void keycloakToken(HttpExchange exchange) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        if (!"client_credentials".equals(form.get("grant_type")) || !"wattos-sync".equals(form.get("client_id"))
                || !"f13-client-secret".equals(form.get("client_secret"))) {
            reply(exchange, 401, "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client credentials\"}",
                    "application/json");
            return;
        }
        String token = "tok-" + java.util.UUID.randomUUID();
        tokens.add(token);
        tokensIssued.incrementAndGet();
        reply(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":300,\"refresh_expires_in\":0,"
                + "\"token_type\":\"Bearer\",\"not-before-policy\":0,\"scope\":\"profile email\"}", "application/json");
    }

    /** The operator's ingestion route behind F13's gateway: bearer token required, FastAPI-style errors. */
    private void f13Ingest(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
            reply(exchange, 401, "{\"detail\":\"Not authenticated\"}", "application/json");
            return;
        }
        if (f13Unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply(exchange, 503, "{\"detail\":\"Permission service unavailable\"}", "application/json");
            return;
        }
        JsonNode request = TestApi.JSON.readTree(body);
        assertThat(request.get("source").asString()).isEqualTo("wattos");
        request.get("documents").forEach(f13Accepted::add);
        reply(exchange, 200, "{\"status\":\"ok\"}", "application/json");
    }

    private static void reply(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        FixtureSite.send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
