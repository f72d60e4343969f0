package de.wattos.kb.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.wattos.IntegrationTest;
import de.wattos.crawl.FixtureSite;
import de.wattos.platform.Role;
import de.wattos.platform.internal.events.EventStreamClient;
import de.wattos.support.TestApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The outbox worker against loopback webhooks: every attempt is a {@code knowledge.kb.sync.*} event on the bus,
 * one tenant's stuck target does not hold up another tenant, and a worker stopped while a batch is in flight gives
 * the batch back and, restarted, delivers every approved version (the receiver keeps each delivery id once).
 */
@IntegrationTest
class SyncDeliveryTest {

    static final String SECRET = "delivery-test-secret-42";

    @LocalServerPort int port;
    @Autowired SyncWorker worker;
    TestApi api;
    HttpServer receiver;
    /** Per receiver path: the delivery ids it accepted (a repeated id is a duplicate the receiver drops). */
    final Map<String, Set<String>> accepted = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    final Map<String, CountDownLatch> arrived = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        api = new TestApi(port);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", this::webhook);
        receiver.start();
    }

    @AfterEach
    void tearDown() {
        held.values().forEach(CountDownLatch::countDown);
        if (!worker.isRunning()) {
            worker.start();
        }
        receiver.stop(0);
    }

    @Test
    void everyAttemptIsPublishedWithTenantTargetArticleAttemptAndReason() throws Exception {
        Municipality m = new Municipality("/events");
        failuresLeft.put("/events", new AtomicInteger(1));
        try (EventStreamClient events = EventStreamClient.open(api, m.tenant.slug(), "knowledge.kb.sync.*", m.admin, null)) {
            assertThat(events.status).isEqualTo(200);
            String article = m.approvedArticle("Hundesteuer", "Die Hundesteuer beträgt 96 Euro im Jahr.");
            m.awaitTarget(t -> t.get("status").get("delivered").asInt() == 1);

            List<EventStreamClient.Event> seen = new ArrayList<>();
            while (seen.stream().noneMatch(e -> e.topic().equals("knowledge.kb.sync.delivered"))) {
                EventStreamClient.Event e = events.next(Duration.ofSeconds(30));
                assertThat(e).as("events so far: " + seen).isNotNull();
                seen.add(e);
            }
            assertThat(seen).extracting(EventStreamClient.Event::topic)
                    .containsExactly("knowledge.kb.sync.failed", "knowledge.kb.sync.delivered");
            JsonNode failed = seen.get(0).data();
            assertThat(failed.get("tenantId").asString()).isEqualTo(m.tenant.id().toString());
            assertThat(failed.get("subject").get("id").asString()).isEqualTo(m.target);
            JsonNode payload = failed.get("payload");
            assertThat(payload.get("targetId").asString()).isEqualTo(m.target);
            assertThat(payload.get("targetType").asString()).isEqualTo("webhook");
            assertThat(payload.get("articleId").asString()).isEqualTo(article);
            assertThat(payload.get("itemId").asString()).isEqualTo("article:" + article);
            assertThat(payload.get("attempt").asInt()).isEqualTo(1);
            assertThat(payload.get("dead").asBoolean()).isFalse();
            assertThat(payload.get("reason").asString()).startsWith("HTTP 500");
            JsonNode delivered = seen.get(1).data().get("payload");
            assertThat(delivered.get("attempt").asInt()).isEqualTo(2);
            assertThat(delivered.get("delivered").asBoolean()).isTrue();
            assertThat(delivered.get("articleId").asString()).isEqualTo(article);
            assertThat(delivered.get("version").asString()).isEqualTo(payload.get("version").asString());
            assertThat(delivered.get("reason").isNull()).isTrue();
        }
    }

    @Test
    void aTenantWhoseTargetHangsDoesNotHoldUpAnotherTenant() throws Exception {
        Municipality stuck = new Municipality("/stuck");
        Municipality quick = new Municipality("/quick");
        held.put("/stuck", new CountDownLatch(1));
        arrived.put("/stuck", new CountDownLatch(1));

        stuck.approvedArticle("Parkausweis", "Den Anwohnerparkausweis gibt es im Bürgerbüro.");
        assertThat(arrived.get("/stuck").await(60, TimeUnit.SECONDS)).as("the stuck target got its request").isTrue();
        quick.approvedArticle("Fundbüro", "Das Fundbüro ist im Rathaus, Zimmer 12.");
        quick.awaitTarget(t -> t.get("status").get("delivered").asInt() == 1);
        assertThat(accepted.getOrDefault("/stuck", Set.of())).as("still hanging while the other tenant was served").isEmpty();

        held.get("/stuck").countDown();
        stuck.awaitTarget(t -> t.get("status").get("delivered").asInt() == 1);
        assertThat(accepted.get("/stuck")).hasSize(1);
        assertThat(accepted.get("/quick")).hasSize(1);
    }

    @Test
    void aWorkerStoppedMidBatchResumesWithoutLosingOrDuplicatingADelivery() throws Exception {
        Municipality m = new Municipality("/restart");
        held.put("/restart", new CountDownLatch(1));
        arrived.put("/restart", new CountDownLatch(1));
        for (int i = 1; i <= 3; i++) {
            m.approvedArticle("Satzung " + i, "Die Satzung Nummer " + i + " regelt die Gebühren.");
        }
        assertThat(arrived.get("/restart").await(60, TimeUnit.SECONDS)).as("a batch is in flight").isTrue();

        worker.stop();
        assertThat(worker.isRunning()).isFalse();
        JsonNode whileStopped = m.target();
        assertThat(whileStopped.get("status").get("delivered").asInt()).as("nothing recorded for the cut batch").isZero();
        assertThat(whileStopped.get("status").get("dead").asInt()).isZero();
        held.remove("/restart").countDown(); // the receiver may still finish the cut request: it keeps delivery ids once

        worker.start();
        m.awaitTarget(t -> t.get("status").get("delivered").asInt() == 3);
        assertThat(accepted.get("/restart")).as("every approved version arrived").hasSize(3);
        JsonNode items = api.get(m.base + "/kb/sync-targets/" + m.target + "/items?size=50", m.admin).json();
        assertThat(items.get("total").asInt()).as("one outbox row per version").isEqualTo(3);
        items.get("items").forEach(i -> {
            assertThat(i.get("status").asString()).isEqualToIgnoringCase("delivered");
            assertThat(i.get("attempts").asInt()).as("the cut batch is no failed attempt").isEqualTo(1);
        });
    }

    // --- a tenant with a webhook target and articles approved by a second person

    final class Municipality {
        final TestApi.Tenant tenant = api.createTenant();
        final String base = "/api/v1/tenants/" + tenant.slug();
        final String admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        final String editor = api.userToken(tenant.slug(), Role.EDITOR);
        final String space;
        final String target;

        Municipality(String path) {
            TestApi.Response s = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice"));
            assertThat(s.status()).as(s.toString()).isEqualTo(201);
            space = s.json().get("id").asString();
            TestApi.Response t = api.post(base + "/kb/sync-targets", admin, Map.of("name", "Spiegel", "type", "webhook",
                    "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + path, "secret", SECRET));
            assertThat(t.status()).as(t.toString()).isEqualTo(201);
            target = t.json().get("id").asString();
        }

        String approvedArticle(String title, String body) {
            TestApi.Response created = api.post(base + "/kb/articles", editor, Map.of("spaceId", space, "title", title,
                    "body", body));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.json().get("id").asString();
            assertThat(api.post(base + "/kb/articles/" + id + "/submit", editor, Map.of()).status()).isEqualTo(200);
            TestApi.Response approved = api.post(base + "/kb/articles/" + id + "/approve", admin, Map.of());
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
            return id;
        }

        JsonNode target() {
            return api.get(base + "/kb/sync-targets/" + target, admin).json();
        }

        JsonNode awaitTarget(Predicate<JsonNode> done) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 90_000;
            while (true) {
                JsonNode t = target();
                if (done.test(t)) {
                    return t;
                }
                assertThat(System.currentTimeMillis()).as("target state reached: " + t).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    private void webhook(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String timestamp = exchange.getRequestHeaders().getFirst("X-WattOS-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-WattOS-Signature");
        if (timestamp == null || !("sha256=" + hmac(timestamp + "." + new String(body, StandardCharsets.UTF_8))).equals(signature)) {
            FixtureSite.send(exchange, 401, "bad signature".getBytes(StandardCharsets.UTF_8));
            return;
        }
        CountDownLatch arrival = arrived.get(path);
        if (arrival != null) {
            arrival.countDown();
        }
        CountDownLatch hold = held.get(path);
        if (hold != null) {
            try {
                hold.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        AtomicInteger failures = failuresLeft.get(path);
        if (failures != null && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            FixtureSite.send(exchange, 500, "receiver down".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Set<String> ids = accepted.computeIfAbsent(path, p -> Collections.synchronizedSet(new java.util.LinkedHashSet<>()));
        TestApi.JSON.readTree(body).get("items").forEach(i -> ids.add(i.get("deliveryId").asString()));
        try {
            FixtureSite.send(exchange, 204, new byte[0]);
        } catch (IOException clientGone) {
            // the worker stopped mid-request; the receiver keeps what it got, by delivery id
        }
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
