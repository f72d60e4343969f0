package de.wattos;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The sync worker killed mid-batch: a WattOS process started by the real launcher delivers approved articles to a
 * loopback webhook, which holds every batch open until the process is killed (SIGKILL) with them in flight, so
 * they are neither acknowledged nor given back. After a restart on the same data dir (lease 5 s), every approved
 * version reaches the webhook exactly once as an acknowledged delivery. Slow (two JVM starts): tagged {@code slow}.
 */
@Tag("slow")
class KbSyncKillProcessTest {

    private static final Duration READY = Duration.ofMinutes(4);
    private static final int ARTICLES = 25;

    @TempDir Path work;

    /** Acknowledged deliveries (answered 200), by delivery id. */
    final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch firstBatchArrived = new CountDownLatch(1);
    final CountDownLatch serverKilled = new CountDownLatch(1);

    @Test
    void everyApprovedVersionIsDeliveredExactlyOnceAcrossAKillMidBatch() throws Exception {
        HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        hook.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        hook.createContext("/hook", this::receive);
        hook.start();
        Map<String, String> env = new HashMap<>(Map.of(
                "WATTOS_AUTH_JWT_SECRET", randomKey(), "WATTOS_SECRETS_MASTER_KEY", randomKey(),
                "WATTOS_ADMIN_PASSWORD", TestApi.ADMIN_PASSWORD,
                "WATTOS_NETWORK_ALLOW_PRIVATE_NETWORKS", "true",
                "WATTOS_KB_SYNC_LEASE", "5s", "WATTOS_KB_SYNC_REQUEST_TIMEOUT", "120s"));
        Path data = Files.createDirectory(work.resolve("data"));
        LauncherProcessTest.Server first = LauncherProcessTest.Server.start(data, env);
        LauncherProcessTest.Server second = null;
        Set<String> approved = new HashSet<>();
        try {
            first.awaitLog("WattOS ready", READY);
            TestApi api = new TestApi(first.port);
            String slug = api.createTenant().slug();
            String base = "/api/v1/tenants/" + slug;
            String editor = api.userToken(slug, Role.EDITOR);
            String reviewer = api.userToken(slug, Role.REVIEWER);
            String admin = api.userToken(slug, Role.TENANT_ADMIN);
            TestApi.Response target = api.post(base + "/kb/sync-targets", admin, Map.of("name", "Spiegel", "type", "webhook",
                    "url", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook", "secret", "kill-test-secret"));
            assertThat(target.status()).as(target.toString()).isEqualTo(201);
            String space = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice")).json().get("id").asString();
            for (int i = 0; i < ARTICLES; i++) {
                TestApi.Response created = api.post(base + "/kb/articles", editor, Map.of("spaceId", space,
                        "title", "Artikel " + i, "body", "Inhalt Nummer " + i + " für den Abgleich."));
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                String article = base + "/kb/articles/" + created.json().get("id").asString();
                assertThat(api.post(article + "/submit", editor, Map.of()).status()).isEqualTo(200);
                assertThat(api.post(article + "/approve", reviewer, Map.of()).status()).isEqualTo(200);
                approved.add("article:" + created.json().get("id").asString());
            }
            assertThat(firstBatchArrived.await(2, TimeUnit.MINUTES)).as("a batch reached the webhook").isTrue();
            assertThat(accepted).as("nothing acknowledged before the kill").isEmpty();
            first.process.destroyForcibly(); // SIGKILL mid-batch: no shutdown hook gives the rows back
            first.awaitExit(Duration.ofSeconds(30));
            serverKilled.countDown();

            second = LauncherProcessTest.Server.start(data, env);
            second.awaitLog("WattOS ready", READY);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (itemIds().size() < ARTICLES && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(7000); // a second lease: anything delivered twice would arrive now
            List<String> ids;
            synchronized (accepted) {
                ids = List.copyOf(accepted);
            }
            assertThat(ids).as("each approved version acknowledged once").hasSize(ARTICLES).doesNotHaveDuplicates();
            assertThat(itemIds()).isEqualTo(approved);
            System.out.printf("kb sync kill: %d versions, %d acknowledged after restart%n", ARTICLES, ids.size());
        } finally {
            serverKilled.countDown();
            if (first.process.isAlive()) {
                first.process.destroyForcibly();
            }
            if (second != null) {
                second.process.destroy();
                second.process.waitFor(60, TimeUnit.SECONDS);
                second.process.destroyForcibly();
            }
            hook.stop(0);
        }
    }

    private Set<String> itemIds() {
        Set<String> items = new HashSet<>();
        synchronized (accepted) {
            accepted.forEach(d -> items.add(d.substring(0, d.indexOf('@'))));
        }
        return items;
    }

    /** Holds every batch until the server is dead (those are never acknowledged); accepts all later ones. */
    private void receive(HttpExchange exchange) throws IOException {
        JsonNode body = TestApi.JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (serverKilled.getCount() > 0) {
            // every request before the kill is held open: the process dies with these batches in flight
            firstBatchArrived.countDown();
            try {
                serverKilled.await(3, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close(); // the caller is gone: nothing was acknowledged
            return;
        }
        body.get("items").forEach(i -> accepted.add(i.get("deliveryId").asString()));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
