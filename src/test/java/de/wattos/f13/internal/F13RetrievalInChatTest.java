package de.wattos.f13.internal;

import de.wattos.support.Indexing;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import de.wattos.IntegrationTest;
import de.wattos.llm.internal.contract.F13Stub;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * F13's {@code /rag/database} as a retrieval source of chat, against a loopback F13 with its Keycloak: an F13 passage
 * that answers the question is cited as from F13 after the tenant's own hits; one that does not match the question's
 * words is left out; F13 slow, failing or answering garbage leaves the answer to the own hits within the connection's
 * {@code ragTimeoutMs} (and is counted); another tenant's connection is never used.
 */
@IntegrationTest
class F13RetrievalInChatTest {

    static final String OWN_PAGE = """
            Sperrmüll

            Sperrmüll wird jedes Jahr im April und im Oktober abgeholt. Die Abholung melden Sie beim Abfallwirtschaftsbetrieb an. Elektrogeräte gehören zum Wertstoffhof.
            """;
    static final String HUNDESTEUER = "Die Hundesteuer beträgt im Land 96 Euro im Jahr für den ersten Hund.";

    /** F13 with its retrieval route; what it answers is set per test. */
    static final class RagF13 extends F13Stub {
        volatile List<Map<String, Object>> sources = List.of();
        volatile int status = 200;
        volatile long delayMillis;
        volatile boolean garbage;
        final AtomicInteger ragRequests = new AtomicInteger();

        @Override
        protected boolean serveOther(HttpExchange ex, Received r) throws IOException {
            if (!r.path().equals("/rag/database")) {
                return super.serveOther(ex, r);
            }
            ragRequests.incrementAndGet();
            String auth = r.header("authorization");
            if (auth == null || !valid.contains(auth.substring(7))) {
                send(ex, 401, "application/json", json(Map.of("detail", "Not authenticated")));
                return true;
            }
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (garbage) {
                send(ex, 200, "text/html", "<html>Wartungsarbeiten</html>");
            } else if (status != 200) {
                send(ex, status, "application/json", json(Map.of("detail", "Permission service unavailable")));
            } else {
                send(ex, 200, "application/json", json(Map.of("answer", "…", "sources", sources)));
            }
            return true;
        }
    }

    @LocalServerPort int port;
    @Autowired MeterRegistry meters;

    final List<RagF13> stubs = new ArrayList<>();

    @AfterEach
    void tearDown() {
        stubs.forEach(RagF13::close);
    }

    @Test
    void anF13PassageThatAnswersIsCitedAsFromF13AfterTheOwnHits() throws Exception {
        TestApi api = new TestApi(port);
        Setup t = tenantWithOwnPage(api);
        RagF13 f13 = connect(api, t, true, 3000);
        f13.sources = List.of(passage(HUNDESTEUER, "Hundesteuersatzung", "https://land.example/hundesteuer"));

        JsonNode dog = ask(api, t, "Wie hoch ist die Hundesteuer?");
        assertThat(dog.get("noAnswer").asBoolean()).as(dog.toString()).isFalse();
        assertThat(dog.get("content").asString()).contains("96 Euro").contains("[1]");
        JsonNode cited = dog.get("citations").get(0);
        assertThat(cited.get("origin").asString()).isEqualTo("f13");
        assertThat(cited.get("title").asString()).isEqualTo("Hundesteuersatzung");
        assertThat(cited.get("url").asString()).isEqualTo("https://land.example/hundesteuer");
        assertThat(f13.ragRequests.get()).isEqualTo(1);
        assertThat(f13.received.stream().filter(r -> r.path().equals("/rag/database")).findFirst().orElseThrow()
                .json().path("question").asString()).contains("Hundesteuer");

        // a question the own page answers: the own hit first; F13's passage about dogs does not match and is left out
        JsonNode waste = ask(api, t, "Wann wird der Sperrmüll abgeholt?");
        assertThat(waste.get("noAnswer").asBoolean()).as(waste.toString()).isFalse();
        assertThat(waste.get("citations").get(0).path("origin").isNull()
                || waste.get("citations").get(0).path("origin").isMissingNode()).as(waste.toString()).isTrue();
        assertNoF13Citation(waste);
        assertThat(waste.get("citations").toString()).doesNotContain("Hundesteuersatzung");

        // both answer: the own page first, F13's passage after it, both usable
        f13.sources = List.of(passage("Sperrmüll wird im Land zusätzlich jedes Jahr im Juni abgeholt.", "Landesabfallrecht",
                "https://land.example/sperrmuell"));
        JsonNode both = ask(api, t, "Wann wird der Sperrmüll abgeholt?");
        assertThat(both.get("noAnswer").asBoolean()).isFalse();
        JsonNode first = both.get("citations").get(0);
        assertThat(first.path("origin").isNull() || first.path("origin").isMissingNode()).as(both.toString()).isTrue();
        assertThat(first.get("title").asString()).doesNotContain("Landesabfallrecht");
    }

    @Test
    void f13SlowFailingOrGarbledLeavesTheAnswerToTheOwnHitsWithinItsTimeout() throws Exception {
        TestApi api = new TestApi(port);
        Setup t = tenantWithOwnPage(api);
        RagF13 f13 = connect(api, t, true, 500);
        f13.sources = List.of(passage("Sperrmüll wird im Land zusätzlich jedes Jahr im Juni abgeholt.", "Landesabfallrecht",
                "https://land.example/sperrmuell"));
        String question = "Wann wird der Sperrmüll abgeholt?";
        ask(api, t, question); // warm: Keycloak token, caches

        double timeoutsBefore = count("timeout", t.slug());
        f13.delayMillis = 10_000;
        long started = System.nanoTime();
        JsonNode slow = ask(api, t, question);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(slow.get("noAnswer").asBoolean()).as(slow.toString()).isFalse();
        assertThat(slow.get("content").asString()).contains("April");
        assertNoF13Citation(slow);
        assertThat(tookMs).as("F13 hangs for 10 s, the answer does not wait for it").isLessThan(5_000);
        assertThat(count("timeout", t.slug())).isEqualTo(timeoutsBefore + 1);

        f13.delayMillis = 0;
        double failedBefore = count("failed", t.slug());
        f13.status = 503;
        JsonNode down = ask(api, t, question);
        assertThat(down.get("noAnswer").asBoolean()).isFalse();
        assertNoF13Citation(down);
        f13.status = 200;
        f13.garbage = true;
        JsonNode garbled = ask(api, t, question);
        assertThat(garbled.get("noAnswer").asBoolean()).isFalse();
        assertNoF13Citation(garbled);
        assertThat(count("failed", t.slug())).isEqualTo(failedBefore + 2);

        f13.close(); // F13 not reachable at all
        JsonNode gone = ask(api, t, question);
        assertThat(gone.get("noAnswer").asBoolean()).isFalse();
        assertNoF13Citation(gone);
    }

    @Test
    void anotherTenantsF13ConnectionIsNeverUsedAndADisabledOneIsNotAsked() throws Exception {
        TestApi api = new TestApi(port);
        Setup a = tenantWithOwnPage(api);
        RagF13 f13 = connect(api, a, true, 3000);
        f13.sources = List.of(passage(HUNDESTEUER, "Hundesteuersatzung", "https://land.example/hundesteuer"));
        Setup b = tenantWithOwnPage(api);
        Setup c = tenantWithOwnPage(api);
        RagF13 disabled = connect(api, c, false, 3000);
        disabled.sources = f13.sources;

        JsonNode fromB = ask(api, b, "Wie hoch ist die Hundesteuer?");
        assertThat(fromB.get("noAnswer").asBoolean()).as("tenant B has no F13: " + fromB).isTrue();
        JsonNode fromC = ask(api, c, "Wie hoch ist die Hundesteuer?");
        assertThat(fromC.get("noAnswer").asBoolean()).as("tenant C's F13 retrieval is off: " + fromC).isTrue();
        assertThat(f13.ragRequests.get()).as("tenant A's F13 is never asked for B or C").isZero();
        assertThat(disabled.ragRequests.get()).isZero();

        JsonNode fromA = ask(api, a, "Wie hoch ist die Hundesteuer?");
        assertThat(fromA.get("noAnswer").asBoolean()).isFalse();
        assertThat(f13.ragRequests.get()).isEqualTo(1);
    }

    record Setup(String slug, String base, String editor, String space) {
    }

    /**
     * No citation comes from F13: none has origin {@code f13} nor F13's passage's title or address. (A substring check
     * on the whole JSON failed at random: document and chunk ids are hex and may contain "f13".)
     */
    private static void assertNoF13Citation(JsonNode answer) {
        assertThat(answer.get("citations").isArray()).as(answer.toString()).isTrue();
        for (JsonNode c : answer.get("citations")) {
            assertThat(c.path("origin").isNull() || c.path("origin").isMissingNode()).as(answer.toString()).isTrue();
            assertThat(c.path("title").asString("")).as(answer.toString()).doesNotContain("Landesabfallrecht");
            assertThat(c.path("url").asString("")).as(answer.toString()).doesNotContain("land.example");
        }
    }

    private double count(String outcome, String tenantSlug) {
        Counter c = meters.find("wattos.f13.rag").tag("outcome", outcome).tag("tenant", tenantSlug).counter();
        return c == null ? 0 : c.count();
    }

    private static Map<String, Object> passage(String text, String title, String url) {
        return Map.of("content", text, "metadata", Map.of("title", title, "url", url));
    }

    private RagF13 connect(TestApi api, Setup t, boolean ragEnabled, int timeoutMs) {
        RagF13 f13 = new RagF13();
        stubs.add(f13);
        Map<String, Object> s = new HashMap<>();
        s.put("baseUrl", f13.baseUri().toString());
        s.put("clientId", "wattos");
        s.put("clientSecret", "geheim");
        s.put("ragEnabled", ragEnabled);
        s.put("ragTimeoutMs", timeoutMs);
        TestApi.Response saved = api.put(t.base() + "/f13/settings", api.userToken(t.slug(), Role.TENANT_ADMIN), s);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        return f13;
    }

    private static Setup tenantWithOwnPage(TestApi api) throws InterruptedException {
        TestApi.Tenant tenant = api.createTenant();
        String base = "/api/v1/tenants/" + tenant.slug();
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String space = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice")).json().get("id").asString();
        TestApi.Response upload = api.multipart(base + "/spaces/" + space + "/documents", editor, "files",
                Map.of("sperrmuell.txt", OWN_PAGE.getBytes(StandardCharsets.UTF_8)));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        Indexing.awaitIndexed(api, base, editor, upload.json().get("items").get(0).get("id").asString());
        return new Setup(tenant.slug(), base, editor, space);
    }

    private static JsonNode ask(TestApi api, Setup t, String question) {
        TestApi.Response conversation = api.post(t.base() + "/conversations", t.editor(),
                Map.of("spaceIds", List.of(t.space()), "channel", "console", "locale", "de-DE"));
        assertThat(conversation.status()).as(conversation.toString()).isEqualTo(201);
        TestApi.Response r = api.post(t.base() + "/conversations/" + conversation.json().get("id").asString()
                + "/messages", t.editor(), Map.of("content", question));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("message");
    }
}
