package de.wattos;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.LauncherProcessTest.Launcher;
import de.wattos.LauncherProcessTest.Server;
import de.wattos.support.PostgresServer;
import de.wattos.support.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production mode as an operator runs it: two WattOS processes started by the real launcher on one PostgreSQL 15
 * server and one Redis, each with its own data dir. What one instance learns, the other knows: a token issued by one
 * is accepted by the other, failed logins are counted once for both, and the live event feed of one instance shows
 * what happened on the other. Slow (two JVMs, a database server): tagged {@code slow}.
 */
@Tag("slow")
class MultiNodeProcessTest {

    private static final Duration READY = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir Path work;

    @Test
    void twoInstancesOnOneDatabaseAndOneRedisShareLoginThrottlingTokensAndTheEventFeed() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(); RedisServer redis = RedisServer.start()) {
            Map<String, String> env = Map.of(
                    "WATTOS_DB_URL", postgres.jdbcUrl(), "WATTOS_DB_USER", postgres.user(),
                    "WATTOS_REDIS_URL", redis.url(),
                    "WATTOS_AUTH_JWT_SECRET", randomKey(), "WATTOS_SECRETS_MASTER_KEY", randomKey(),
                    "WATTOS_ADMIN_PASSWORD", "multi-node-admin-password");
            Path dataA = Files.createDirectory(work.resolve("a"));
            Path dataB = Files.createDirectory(work.resolve("b"));
            // one after the other: the first one migrates the shared database
            Server a = Server.start(dataA, env);
            a.awaitLog("WattOS ready", READY);
            Server b = Server.start(dataB, env);
            b.awaitLog("WattOS ready", READY);
            try {
                String[] nodes = {base(a), base(b), base(a), base(b)};
                int[] statuses = new int[nodes.length];
                for (int i = 0; i < nodes.length; i++) {
                    statuses[i] = login(nodes[i], "wrong-password-" + i).statusCode();
                }
                assertThat(statuses).as("3 failures allowed per account, counted across both instances")
                        .containsExactly(401, 401, 401, 429);

                String token = awaitLogin(base(b));
                HttpResponse<String> tenant = post(base(a), "/api/v1/tenants", token,
                        "{\"slug\":\"verbund\",\"name\":\"Gemeindeverwaltungsverband\"}");
                assertThat(tenant.statusCode()).as("b's token accepted by a: %s", tenant.body()).isEqualTo(201);

                StringBuffer seenOnB = new StringBuffer();
                HttpResponse<Stream<String>> feed = HTTP.send(HttpRequest.newBuilder(
                        URI.create(base(b) + "/api/v1/tenants/verbund/events?topics=knowledge.*"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines());
                assertThat(feed.statusCode()).isEqualTo(200);
                Thread reader = Thread.ofVirtual().start(() -> feed.body().forEach(line -> seenOnB.append(line).append('\n')));
                try {
                    awaitContains(seenOnB, ": subscribed");
                    HttpResponse<String> space = post(base(a), "/api/v1/tenants/verbund/spaces", token, "{\"name\":\"Satzungen\"}");
                    assertThat(space.statusCode()).isEqualTo(201);
                    String spaceId = field(space.body(), "id");
                    awaitContains(seenOnB, spaceId);
                    assertThat(seenOnB.toString()).as("b's live feed shows the space created on a")
                            .contains("event: knowledge.space.created");
                } finally {
                    feed.body().close();
                    reader.interrupt();
                }
            } finally {
                Launcher.run(dataB, b.port, "stop");
                Launcher.run(dataA, a.port, "stop");
                assertThat(b.awaitExit(Duration.ofMinutes(2))).as("no JVM crash on stop").isNotIn(134, 139);
                assertThat(a.awaitExit(Duration.ofMinutes(2))).as("no JVM crash on stop").isNotIn(134, 139);
            }
        }
    }

    private static void awaitContains(StringBuffer text, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!text.toString().contains(expected)) {
            assertThat(System.nanoTime()).as("'%s' not seen within 30 s in:%n%s", expected, text).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String base(Server server) {
        return "http://127.0.0.1:" + server.port;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static HttpResponse<String> login(String base, String password) throws Exception {
        return post(base, "/api/v1/auth/login", null, "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
    }

    /** The account is slowed down by the failures above: the correct password succeeds once the wait is over. */
    private static String awaitLogin(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            HttpResponse<String> r = login(base, "multi-node-admin-password");
            if (r.statusCode() == 200) {
                return field(r.body(), "accessToken");
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
            assertThat(System.nanoTime()).as("login still refused after 2 minutes").isLessThan(deadline);
            long wait = r.headers().firstValueAsLong("Retry-After").orElse(1);
            Thread.sleep(Math.min(wait, 60) * 1000 + 200);
        }
    }

    private static HttpResponse<String> post(String base, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }
}
