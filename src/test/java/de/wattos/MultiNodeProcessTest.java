package de.wattos;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.LauncherProcessTest.Launcher;
import de.wattos.LauncherProcessTest.Server;
import de.wattos.support.GroundedModel;
import de.wattos.support.OpenAiStub;
import de.wattos.support.PostgresServer;
import de.wattos.support.ProviderStub;
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
 * Production mode as an operator runs it: WattOS processes started by the real launcher on one PostgreSQL 15
 * server and one Redis, each with its own data dir. What one instance learns, the other knows: a token issued by one
 * is accepted by the other, failed logins are counted once for both, and the live event feed of one instance shows
 * what happened on the other. Roles ({@code WATTOS_ROLES}): b serves the API only, so a file uploaded through b is
 * ingested by a worker (first a, later the worker-only c) and b finds it in its own search index only through the
 * change feed; while no worker runs, the upload waits; c answers no API request. A crawl whose node is killed is
 * finished by the other node. A stop sent to b ends an answer streaming on a; with Redis stopped both keep answering
 * and the stop travels again once Redis is back; PostgreSQL restarted, both reconnect by themselves. Slow (JVMs, a
 * database server): tagged {@code slow}.
 */
@Tag("slow")
class MultiNodeProcessTest {

    private static final Duration READY = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir Path work;

    @Test
    void instancesOnOneDatabaseAndOneRedisShareLoginsTokensEventsAndTheSearchIndexAndSplitTheirRoles() throws Exception {
        RedisServer[] restartedRedis = {null};
        try (PostgresServer postgres = PostgresServer.start(); RedisServer redis = RedisServer.start();
                OpenAiStub stub = new OpenAiStub()) {
            GroundedModel model = new GroundedModel();
            stub.always(new ProviderStub.Computed(model));
            Map<String, String> env = Map.of(
                    "WATTOS_DB_URL", postgres.jdbcUrl(), "WATTOS_DB_USER", postgres.user(),
                    "WATTOS_REDIS_URL", redis.url(), "WATTOS_NETWORK_ALLOW_PRIVATE_NETWORKS", "true",
                    "WATTOS_AUTH_JWT_SECRET", randomKey(), "WATTOS_SECRETS_MASTER_KEY", randomKey(),
                    "WATTOS_ADMIN_PASSWORD", "multi-node-admin-password");
            Path dataA = Files.createDirectory(work.resolve("a"));
            Path dataB = Files.createDirectory(work.resolve("b"));
            // one after the other: the first one migrates the shared database
            Server a = Server.start(dataA, env);
            a.awaitLog("WattOS ready", READY);
            Map<String, String> apiOnly = new java.util.HashMap<>(env);
            apiOnly.put("WATTOS_ROLES", "api");
            Server b = Server.start(dataB, apiOnly);
            b.awaitLog("WattOS ready", READY);
            Server c = null;
            Path dataC = Files.createDirectory(work.resolve("c"));
            boolean aRunning = true;
            try {
                assertThat(b.log()).contains("Node roles: api");
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

                String spaceId = field(post(base(a), "/api/v1/tenants/verbund/spaces", token, "{\"name\":\"Abfall\"}").body(), "id");
                // b's first search loads its analysers: done before, so the figure below is the change feed's
                assertThat(post(base(b), "/api/v1/tenants/verbund/search", token,
                        "{\"query\":\"Biotonne\",\"mode\":\"lexical\"}").statusCode()).isEqualTo(200);
                String first = upload(base(b), token, spaceId, "biotonne.txt",
                        "Die Biotonne wird in allen Ortsteilen jeden zweiten Dienstag geleert.");
                awaitStatus(base(b), token, first, "indexed");
                long indexedAt = System.nanoTime();
                awaitFound(base(b), token, "Biotonne Dienstag", first);
                long foundMs = (System.nanoTime() - indexedAt) / 1_000_000;
                System.out.printf("search index change feed: a document indexed on a was found through b %d ms after"
                        + " its status said indexed%n", foundMs);
                assertThat(foundMs).as("found through b within 2 s of being indexed on a").isLessThan(2_000);

                // a stop sent to b ends the answer a is streaming (a cluster signal over Redis)
                HttpResponse<String> provider = post(base(a), "/api/v1/tenants/verbund/llm/providers", token,
                        "{\"name\":\"Stub\",\"type\":\"openai\",\"baseUrl\":\"" + stub.baseUrl()
                                + "\",\"apiKey\":\"sk-test-stub\",\"defaultModel\":\"stub-model\"}");
                assertThat(provider.statusCode()).as(provider.body()).isEqualTo(201);
                long stopMs = stopThroughOtherNode(a, b, token, spaceId, model);
                assertThat(stopMs).as("the stop sent to b ended the stream on a").isNotNegative();
                System.out.printf("stop across nodes: the stream on a ended %d ms after the stop sent to b%n", stopMs);

                // Redis stopped: both nodes keep answering and logging in, each on its local fallback
                redis.close();
                for (Server node : new Server[] {a, b}) {
                    assertAnswers(node, token, spaceId);
                    assertThat(login(base(node), "multi-node-admin-password").statusCode()).isEqualTo(200);
                }
                long redisBack = System.nanoTime();
                restartedRedis[0] = RedisServer.start(redis.port());
                // Redis back: the stop travels across the nodes again
                long recovered = -1;
                long redisDeadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (recovered < 0) {
                    assertThat(System.nanoTime()).as("cross-node stop not working again after Redis returned")
                            .isLessThan(redisDeadline);
                    if (stopThroughOtherNode(a, b, token, spaceId, model) >= 0) {
                        recovered = (System.nanoTime() - redisBack) / 1_000_000;
                    } else {
                        Thread.sleep(1_000);
                    }
                }
                System.out.printf("Redis stopped: both nodes answered; back after restart: cross-node stop within %d ms%n",
                        recovered);

                // PostgreSQL restarted: both nodes reconnect without anybody's help
                long pgRestart = System.nanoTime();
                postgres.restart();
                for (Server node : new Server[] {a, b}) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (get(base(node), "/api/v1/tenants/verbund/spaces", token).statusCode() != 200) {
                        assertThat(System.nanoTime()).as("node on port %d did not reconnect to PostgreSQL", node.port)
                                .isLessThan(deadline);
                        Thread.sleep(200);
                    }
                    assertAnswers(node, token, spaceId);
                }
                System.out.printf("PostgreSQL restarted: both nodes answering again %d ms after the restart began%n",
                        (System.nanoTime() - pgRestart) / 1_000_000);

                Launcher.run(dataA, a.port, "stop");
                a.awaitExit(Duration.ofMinutes(2));
                aRunning = false;
                String second = upload(base(b), token, spaceId, "hundesteuer.txt",
                        "Die Hundesteuer beträgt für den ersten Hund 96 Euro im Jahr.");
                // b's own upload poll (every 5 s) would have taken it by now if b ran background work
                Thread.sleep(12_000);
                assertThat(field(get(base(b), "/api/v1/tenants/verbund/documents/" + second, token).body(), "status"))
                        .as("no worker runs: the upload waits").isEqualTo("pending");

                Map<String, String> workerOnly = new java.util.HashMap<>(env);
                workerOnly.put("WATTOS_ROLES", "worker");
                c = Server.start(dataC, workerOnly);
                c.awaitLog("WattOS ready", READY);
                HttpResponse<String> refused = get(base(c), "/api/v1/tenants/verbund/spaces", token);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.body()).contains("node.worker-only");
                assertThat(get(base(c), "/actuator/health", null).statusCode()).isEqualTo(200);
                awaitStatus(base(b), token, second, "indexed");
                awaitFound(base(b), token, "Hundesteuer Hund", second);
            } finally {
                if (c != null) {
                    Launcher.run(dataC, c.port, "stop");
                    assertThat(c.awaitExit(Duration.ofMinutes(2))).as("no JVM crash on stop").isNotIn(134, 139);
                }
                Launcher.run(dataB, b.port, "stop");
                if (aRunning) {
                    Launcher.run(dataA, a.port, "stop");
                }
                assertThat(b.awaitExit(Duration.ofMinutes(2))).as("no JVM crash on stop").isNotIn(134, 139);
                assertThat(a.awaitExit(Duration.ofMinutes(2))).as("no JVM crash on stop").isNotIn(134, 139);
            }
        } finally {
            if (restartedRedis[0] != null) {
                restartedRedis[0].close();
            }
        }
    }

    /**
     * Streams a slow answer from a and sends its stop to b: the milliseconds until a's stream ended as stopped, or -1
     * when it ended otherwise (the stop did not reach a).
     */
    private static long stopThroughOtherNode(Server a, Server b, String token, String spaceId, GroundedModel model)
            throws Exception {
        model.slow(500);
        String conversation = conversation(a, token, spaceId);
        HttpResponse<Stream<String>> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(base(a) + "/api/v1/tenants/verbund/conversations/" + conversation + "/messages"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"content\":\"Wann wird die Biotonne geleert?\",\"stream\":true}")).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        StringBuffer events = new StringBuffer();
        Thread reader = Thread.ofVirtual().start(() -> response.body().forEach(line -> events.append(line).append('\n')));
        try {
            awaitContains(events, "event:delta");
            String messageId = field(events.toString(), "messageId");
            long stopAt = System.nanoTime();
            HttpResponse<String> stop = post(base(b), "/api/v1/tenants/verbund/messages/" + messageId + "/stop", token, "{}");
            assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
            awaitContains(events, "event:end");
            long ms = (System.nanoTime() - stopAt) / 1_000_000;
            String end = events.substring(events.indexOf("event:end"));
            return end.contains("\"finishReason\":\"stopped\"") ? ms : -1;
        } finally {
            response.body().close();
            reader.interrupt();
            model.reset();
        }
    }

    /** The node answers a question from the tenant's documents (through the stub model). */
    private static void assertAnswers(Server node, String token, String spaceId) throws Exception {
        String conversation = conversation(node, token, spaceId);
        HttpResponse<String> answer = post(base(node), "/api/v1/tenants/verbund/conversations/" + conversation
                + "/messages", token, "{\"content\":\"Wann wird die Biotonne geleert?\"}");
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 201);
        assertThat(answer.body()).as("answered from the document by node on port %d", node.port).contains("Dienstag");
    }

    private static String conversation(Server node, String token, String spaceId) throws Exception {
        HttpResponse<String> created = post(base(node), "/api/v1/tenants/verbund/conversations", token,
                "{\"spaceIds\":[\"" + spaceId + "\"],\"channel\":\"console\",\"locale\":\"de-DE\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return field(created.body(), "id");
    }

    /**
     * Issue 16, "node A killed during a crawl → node B finishes the crawl": two worker nodes, a crawl of a slow
     * loopback site; the node holding the run is killed with SIGKILL halfway; the other takes the run over once its
     * lease (6 s here) expired and finishes it from the saved frontier: every page indexed once, no duplicate chunks,
     * and the pages the dead node had saved as done are not fetched again.
     */
    @Test
    void aCrawlWhoseNodeIsKilledIsFinishedByTheOtherNodeWithoutDuplicateChunks() throws Exception {
        int pageCount = 40;
        try (PostgresServer postgres = PostgresServer.start(); RedisServer redis = RedisServer.start();
                de.wattos.crawl.FixtureSite site = new de.wattos.crawl.FixtureSite()) {
            String[] links = new String[pageCount];
            for (int i = 0; i < pageCount; i++) {
                int n = i;
                links[i] = "/seite-" + i;
                site.handler(links[i], exchange -> {
                    try {
                        Thread.sleep(400);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                    de.wattos.crawl.FixtureSite.send(exchange, 200, ("<html><head><title>Leistung " + n
                            + "</title></head><body><p>Verwaltungsleistung Nummer " + n + ": Antrag, Unterlagen und Gebühr "
                            + "für das Vorhaben " + n + " im Landkreis.</p></body></html>")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                });
            }
            site.page("/", "Leistungen", "Alle Verwaltungsleistungen des Landkreises.", links);
            Map<String, String> env = Map.of(
                    "WATTOS_DB_URL", postgres.jdbcUrl(), "WATTOS_DB_USER", postgres.user(),
                    "WATTOS_REDIS_URL", redis.url(),
                    "WATTOS_AUTH_JWT_SECRET", randomKey(), "WATTOS_SECRETS_MASTER_KEY", randomKey(),
                    "WATTOS_ADMIN_PASSWORD", "multi-node-admin-password",
                    "WATTOS_NETWORK_ALLOW_PRIVATE_NETWORKS", "true",
                    "WATTOS_CRAWL_HEARTBEAT_TIMEOUT", "6s");
            Map<String, Server> nodes = new java.util.LinkedHashMap<>();
            Map<String, Path> dirs = new java.util.HashMap<>();
            for (String name : new String[] {"node-a", "node-b"}) {
                Map<String, String> own = new java.util.HashMap<>(env);
                own.put("WATTOS_CRAWL_NODE_NAME", name);
                dirs.put(name, Files.createDirectory(work.resolve(name)));
                Server server = Server.start(dirs.get(name), own);
                server.awaitLog("WattOS ready", READY); // one after the other: the first one migrates
                nodes.put(name, server);
            }
            String victim = null;
            try {
                Server a = nodes.get("node-a");
                String token = awaitLogin(base(a));
                assertThat(post(base(a), "/api/v1/tenants", token, "{\"slug\":\"verbund\",\"name\":\"Landkreis\"}")
                        .statusCode()).isEqualTo(201);
                String spaceId = field(post(base(a), "/api/v1/tenants/verbund/spaces", token, "{\"name\":\"Leistungen\"}").body(), "id");
                HttpResponse<String> source = post(base(a), "/api/v1/tenants/verbund/spaces/" + spaceId + "/sources", token,
                        "{\"type\":\"website\",\"startUrls\":[\"" + site.url("/") + "\"],\"followSitemaps\":false,\"schedule\":null}");
                assertThat(source.statusCode()).as(source.body()).isEqualTo(201);
                String sourceId = field(source.body(), "id");
                HttpResponse<String> started = post(base(a), "/api/v1/tenants/verbund/sources/" + sourceId + "/crawls", token, "{}");
                assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
                String runId = field(started.body(), "id");

                // halfway: the saved counters say at least 12 pages are done
                int fetchedBeforeKill;
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (true) {
                    String run = get(base(a), "/api/v1/tenants/verbund/crawls/" + runId, token).body();
                    fetchedBeforeKill = intField(run, "fetched");
                    if (fetchedBeforeKill >= 12) {
                        break;
                    }
                    assertThat(field(run, "status")).as(run).isIn("queued", "running");
                    assertThat(System.nanoTime()).as("crawl too slow: %s", run).isLessThan(deadline);
                    Thread.sleep(100);
                }
                victim = sql(postgres, "select node from crawl_runs where id = '" + runId + "'");
                nodes.get(victim).process.destroyForcibly(); // SIGKILL: no shutdown hook, no hand-over
                nodes.get(victim).awaitExit(Duration.ofSeconds(30));
                java.util.Set<String> fetchedByVictim = new java.util.HashSet<>();
                for (String path : allPaths(links)) {
                    if (site.hits(path) > 0) {
                        fetchedByVictim.add(path);
                    }
                }
                String survivor = victim.equals("node-a") ? "node-b" : "node-a";
                Server other = nodes.get(survivor);
                System.out.printf("crawl takeover: %s killed after %d saved pages (%d fetched)%n", victim,
                        fetchedBeforeKill, fetchedByVictim.size());

                String finished;
                deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (true) {
                    finished = get(base(other), "/api/v1/tenants/verbund/crawls/" + runId, token).body();
                    if (!field(finished, "status").equals("running")) {
                        break;
                    }
                    assertThat(System.nanoTime()).as("run not finished by %s: %s", survivor, finished).isLessThan(deadline);
                    Thread.sleep(200);
                }
                assertThat(field(finished, "status")).as(finished).isEqualTo("succeeded");
                assertThat(sql(postgres, "select node || '/' || takeovers from crawl_runs where id = '" + runId + "'"))
                        .isEqualTo(survivor + "/1");
                assertThat(intField(finished, "discovered")).isEqualTo(pageCount + 1);
                assertThat(intField(finished, "fetched")).as(finished).isEqualTo(pageCount + 1);
                assertThat(intField(finished, "failed")).isZero();
                assertThat(sql(postgres, "select count(*) from knowledge_documents where source_id = '" + sourceId
                        + "' and status = 'indexed'")).as("every page indexed once").isEqualTo(Integer.toString(pageCount + 1));
                assertThat(sql(postgres, "select count(*) from (select document_id, ordinal from knowledge_chunks"
                        + " group by document_id, ordinal having count(*) > 1) d")).as("no duplicate chunks").isEqualTo("0");
                assertThat(sql(postgres, "select count(*) - count(distinct text) from knowledge_chunks c join knowledge_documents d"
                        + " on d.id = c.document_id where d.source_id = '" + sourceId + "'")).as("no chunk stored twice").isEqualTo("0");
                int refetched = 0;
                for (String path : allPaths(links)) {
                    assertThat(site.hits(path)).as("%s fetched at most once more after the takeover", path).isBetween(1L, 2L);
                    if (site.hits(path) == 2) {
                        refetched++;
                    }
                }
                System.out.printf("crawl takeover: %s finished the run; %d page(s) fetched again (done after the last save)%n",
                        survivor, refetched);
                assertThat(fetchedByVictim.size() - refetched)
                        .as("the pages saved as done by the dead node are not fetched again").isGreaterThanOrEqualTo(fetchedBeforeKill);
            } finally {
                for (Map.Entry<String, Server> node : nodes.entrySet()) {
                    if (!node.getKey().equals(victim)) {
                        Launcher.run(dirs.get(node.getKey()), node.getValue().port, "stop");
                        assertThat(node.getValue().awaitExit(Duration.ofMinutes(2))).as("no JVM crash on stop").isNotIn(134, 139);
                    }
                }
            }
        }
    }

    private static java.util.List<String> allPaths(String[] links) {
        java.util.List<String> paths = new java.util.ArrayList<>(java.util.List.of(links));
        paths.add("/");
        return paths;
    }

    private static int intField(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\\d+)").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String sql(PostgresServer postgres, String query) throws java.sql.SQLException {
        try (var connection = java.sql.DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
                var statement = connection.createStatement(); var rs = statement.executeQuery(query)) {
            assertThat(rs.next()).as(query).isTrue();
            return rs.getString(1);
        }
    }

    private static String upload(String base, String token, String spaceId, String filename, String text)
            throws Exception {
        String boundary = "----wattos" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + filename
                + "\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/tenants/verbund/spaces/" + spaceId + "/documents"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return field(r.body(), "id");
    }

    private static void awaitStatus(String base, String token, String documentId, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String seen;
        while (!(seen = field(get(base, "/api/v1/tenants/verbund/documents/" + documentId, token).body(), "status"))
                .equals(status)) {
            assertThat(System.nanoTime()).as("document %s still %s after 2 minutes", documentId, seen).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void awaitFound(String base, String token, String query, String documentId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> r = post(base, "/api/v1/tenants/verbund/search", token,
                    "{\"query\":\"" + query + "\",\"mode\":\"lexical\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            if (r.body().contains(documentId)) {
                return;
            }
            assertThat(System.nanoTime()).as("'%s' does not find %s through %s: %s", query, documentId, base, r.body())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> get(String base, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
