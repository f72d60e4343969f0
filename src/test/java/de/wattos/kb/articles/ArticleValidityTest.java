package de.wattos.kb.articles;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A published article serves only while its published version is valid: not before {@code validFrom} (also not when
 * the worker was down at that moment: it catches up when it starts again), no more after {@code validTo}. A loopback
 * webhook receives the approved version with its period and, once it has passed, exactly one deletion marked
 * {@code expired}. A period that ends before it begins is refused with a field error; an expired version cannot be
 * published.
 */
@IntegrationTest
class ArticleValidityTest {

    @LocalServerPort int port;
    @Autowired ArticleValidity validity;
    @Autowired JsonMapper json;
    TestApi api;
    String base;
    String editor;
    String reviewer;
    String admin;
    String space;
    HttpServer receiver;
    final List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() throws IOException {
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        editor = api.userToken(tenant.slug(), Role.EDITOR);
        reviewer = api.userToken(tenant.slug(), Role.REVIEWER);
        admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        space = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice")).json().get("id").asString();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", this::hook);
        receiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.stop(0);
        validity.start(); // in case an assertion failed while it was stopped
    }

    @Test
    void servedOnlyWithinItsPeriodAndTheTargetsLearnThePeriodAndTheExpiry() throws Exception {
        TestApi.Response target = api.post(base + "/kb/sync-targets", admin, Map.of("name", "Spiegel", "type", "webhook",
                "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "secret", "signing-secret-42"));
        assertThat(target.status()).as(target.toString()).isEqualTo(201);
        Instant from = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.MILLIS);
        Instant to = from.plusSeconds(15);
        TestApi.Response created = api.post(base + "/kb/articles", editor, Map.of("spaceId", space,
                "title", "Winterdienst Glasbergweg", "body", "Der Glasbergweg wird im Winter vom Bauhof Quarzingen geräumt.",
                "validFrom", from.toString(), "validTo", to.toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(Instant.parse(created.json().get("validFrom").asString())).isEqualTo(from);
        assertThat(Instant.parse(created.json().get("validTo").asString())).isEqualTo(to);
        String article = base + "/kb/articles/" + created.json().get("id").asString();
        String itemId = "article:" + created.json().get("id").asString();
        api.post(article + "/submit", editor, Map.of());
        assertThat(api.post(article + "/approve", reviewer, Map.of()).status()).isEqualTo(200);
        TestApi.Response published = api.post(article + "/publish", editor, Map.of());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertThat(published.json().get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(published.json().get("served").asBoolean()).as("not valid yet").isFalse();
        assertThat(hits("Quarzingen")).isEmpty();

        // the worker is down when the period begins: nothing serves the article until it is back, then it catches up
        validity.stop();
        sleepUntil(from.plusMillis(1500));
        assertThat(api.get(article, editor).json().get("served").asBoolean()).isFalse();
        assertThat(hits("Quarzingen")).isEmpty();
        validity.start();
        awaitArticle(article, a -> a.get("served").asBoolean(), "served once valid");
        assertThat(Instant.now()).as("still inside the period").isBefore(to);
        assertThat(hits("Quarzingen")).hasSize(1);

        awaitArticle(article, a -> !a.get("served").asBoolean(), "no more served after validTo");
        assertThat(Instant.now()).isAfterOrEqualTo(to);
        assertThat(hits("Quarzingen")).isEmpty();
        JsonNode after = api.get(article, editor).json();
        assertThat(after.get("status").asString()).as("the status stays; only serving ends").isEqualTo("PUBLISHED");

        long deadline = System.currentTimeMillis() + 30_000;
        while (itemsOf(itemId).size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1500); // anything delivered twice would arrive now
        List<JsonNode> items = itemsOf(itemId);
        assertThat(items).as(received.toString()).hasSize(2);
        JsonNode approved = items.get(0);
        assertThat(approved.get("deleted").asBoolean()).isFalse();
        assertThat(Instant.parse(approved.get("validFrom").asString())).isEqualTo(from);
        assertThat(Instant.parse(approved.get("validTo").asString())).isEqualTo(to);
        assertThat(approved.get("text").asString()).contains("Quarzingen");
        JsonNode expired = items.get(1);
        assertThat(expired.get("deleted").asBoolean()).isTrue();
        assertThat(expired.get("reason").asString()).isEqualTo("expired");
        assertThat(Instant.parse(expired.get("validTo").asString())).isEqualTo(to);
        assertThat(expired.get("deliveryId").asString()).isNotEqualTo(approved.get("deliveryId").asString());

        List<String> audited = new ArrayList<>();
        api.get(base + "/audit?size=200", api.adminToken()).json().get("items")
                .forEach(e -> audited.add(e.get("action").asString()));
        assertThat(audited).contains("article.activated", "article.deactivated", "article.expired");
    }

    @Test
    void aPeriodEndingBeforeItBeginsIsRefusedAndAnExpiredVersionIsNotPublished() {
        Instant now = Instant.now();
        TestApi.Response backwards = api.post(base + "/kb/articles", editor, Map.of("spaceId", space, "title", "Rückwärts",
                "body", "Text.", "validFrom", now.plusSeconds(3600).toString(), "validTo", now.toString()));
        assertThat(backwards.status()).as(backwards.toString()).isEqualTo(400);
        assertThat(backwards.json().get("errors").get(0).get("field").asString()).isEqualTo("validTo");
        assertThat(backwards.json().get("errors").get(0).get("message").asString()).contains("Gültig bis");
        TestApi.Response empty = api.post(base + "/kb/articles", editor, Map.of("spaceId", space, "title", "Leer",
                "body", "Text.", "validFrom", now.toString(), "validTo", now.toString()));
        assertThat(empty.status()).as("an empty period").isEqualTo(400);
        TestApi.Response garbage = api.post(base + "/kb/articles", editor, Map.of("spaceId", space, "title", "Kaputt",
                "body", "Text.", "validFrom", "gestern"));
        assertThat(garbage.status()).as(garbage.toString()).isEqualTo(400);

        TestApi.Response past = api.post(base + "/kb/articles", editor, Map.of("spaceId", space, "title", "Alte Regel",
                "body", "Galt bis gestern.", "validTo", now.minus(Duration.ofDays(1)).toString()));
        assertThat(past.status()).as(past.toString()).isEqualTo(201);
        String article = base + "/kb/articles/" + past.json().get("id").asString();
        TestApi.Response editedBackwards = api.put(article, editor, Map.of("title", "Alte Regel", "body", "Galt bis gestern.",
                "validFrom", now.toString(), "validTo", now.minusSeconds(1).toString()));
        assertThat(editedBackwards.status()).isEqualTo(400);
        assertThat(editedBackwards.json().get("errors").get(0).get("field").asString()).isEqualTo("validTo");
        api.post(article + "/submit", editor, Map.of());
        api.post(article + "/approve", reviewer, Map.of());
        TestApi.Response publish = api.post(article + "/publish", editor, Map.of());
        assertThat(publish.status()).as(publish.toString()).isEqualTo(409);
        assertThat(publish.code()).isEqualTo("article_expired");
        assertThat(api.get(article, editor).json().get("status").asString()).isEqualTo("APPROVED");
    }

    private List<JsonNode> itemsOf(String itemId) {
        synchronized (received) {
            return received.stream().filter(i -> i.get("itemId").asString().equals(itemId)).toList();
        }
    }

    private void hook(HttpExchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        body.get("items").forEach(received::add);
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private JsonNode awaitArticle(String article, Predicate<JsonNode> done, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            JsonNode a = api.get(article, editor).json();
            if (done.test(a)) {
                return a;
            }
            assertThat(System.currentTimeMillis()).as(what + ": " + a).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private List<JsonNode> hits(String query) {
        TestApi.Response r = api.post(base + "/search", editor, Map.of("query", query, "mode", "lexical"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> hits = new ArrayList<>();
        r.json().get("hits").forEach(hits::add);
        return hits;
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
