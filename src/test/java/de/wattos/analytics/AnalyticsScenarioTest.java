package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.chat.ConversationStarted;
import de.wattos.chat.FeedbackGiven;
import de.wattos.chat.MessageAnswered;
import de.wattos.crawl.CrawlFinished;
import de.wattos.knowledge.DocumentIndexed;
import de.wattos.platform.Role;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.ModuleEvent;
import de.wattos.support.TestApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A scripted day of traffic, published on the event bus as the modules publish their events (the analytics
 * module listeners take them asynchronously after the commit), yields exactly the expected KPIs and trends; the
 * rollups rebuilt from analytics' own event log equal the live ones.
 */
@IntegrationTest
class AnalyticsScenarioTest {

    private static final String DAY = "2026-11-10";
    private static final String BEFORE = "2026-11-09";

    @LocalServerPort
    int port;
    @Autowired
    DomainEvents bus;
    @Autowired
    JdbcClient jdbc;

    TestApi api;
    TestApi.Tenant tenant;
    String viewer;
    final UUID widget1 = UUID.randomUUID();
    final UUID widget2 = UUID.randomUUID();
    AnalyticsTraffic traffic;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        tenant = api.createTenant();
        traffic = new AnalyticsTraffic(bus, jdbc, tenant.id());
        viewer = api.userToken(tenant.slug(), Role.VIEWER);
    }

    /** The script: a quiet day before, then the day with widget traffic, feedback, no-answers, a crawl. */
    private void scriptedTraffic() {
        UUID p1 = traffic.conversation(BEFORE, "08:00:00", "widget", widget1, "v_anna");
        traffic.answer(p1, BEFORE, "08:00:05", "Wie beantrage ich einen Personalausweis?", false, "stop", 900, 200L, 150, List.of());
        UUID p2 = traffic.conversation(BEFORE, "09:00:00", "widget", widget1, "v_bernd");
        traffic.answer(p2, BEFORE, "09:00:05", "Was kostet der Personalausweis?", false, "stop", 1100, 300L, 150, List.of());

        UUID c1 = traffic.conversation(DAY, "08:00:00", "widget", widget1, "v_anna");
        UUID a1 = traffic.answer(c1, DAY, "08:00:04", "Wie hoch ist die Gebühr für den Personalausweis?", false, "stop", 800,
                150L, 100, List.of(new MessageAnswered.CitedSource(UUID.randomUUID(), "Personalausweis", "https://stadt.example/ausweis"),
                        new MessageAnswered.CitedSource(UUID.randomUUID(), "Gebühren", "https://stadt.example/gebuehren")));
        traffic.answer(c1, DAY, "08:01:00", "Wie lange ist der Personalausweis gültig?", false, "stop", 1200, 250L, 100, List.of());
        traffic.feedback(c1, a1, DAY, "08:02:00", "up", true);

        UUID c2 = traffic.conversation(DAY, "10:00:00", "widget", widget1, "v_clara");
        UUID a3 = traffic.answer(c2, DAY, "10:00:03", "Wann hat der Wertstoffhof geöffnet?", true, "stop", 300, 100L, 0, List.of());
        traffic.feedback(c2, a3, DAY, "10:01:00", "down", false);

        UUID c3 = traffic.conversation(DAY, "11:00:00", "widget", widget2, "v_dora");
        UUID a4 = traffic.answer(c3, DAY, "11:00:05", "Wie hoch ist die Hundesteuer für zwei Hunde?", false, "stop", 2500,
                400L, 100, List.of());
        traffic.feedback(c3, a4, DAY, "11:02:00", "down", null);

        UUID c4 = traffic.conversation(DAY, "12:00:00", "api", null, null);
        traffic.answer(c4, DAY, "12:00:10", "Öffnungszeiten Wertstoffhof Samstag", false, "error", 5000, null, 0, List.of());

        UUID run = UUID.randomUUID();
        traffic.publish(new CrawlFinished(tenant.id(), UUID.randomUUID(), UUID.randomUUID(), run, "succeeded", 40, 2, 3, 34, 1, 1,
                AnalyticsTraffic.at(DAY, "04:10:00")));
        for (String outcome : List.of("NEW", "NEW", "CHANGED", "FAILED")) {
            traffic.publish(new DocumentIndexed(tenant.id(), UUID.randomUUID(), UUID.randomUUID(), outcome, 3, null, UUID.randomUUID(),
                    AnalyticsTraffic.at(DAY, "04:05:00")));
        }
        // a redelivered event is counted once
        traffic.publish(traffic.answered(a4, c3, DAY, "11:00:05", "Wie hoch ist die Hundesteuer für zwei Hunde?", false, "stop", 2500,
                400L, 100, List.of()));
    }

    private JsonNode kpis(String query) {
        TestApi.Response r = api.get("/api/v1/tenants/" + tenant.slug() + "/analytics?" + query, viewer);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aScriptedDayYieldsTheExpectedKpisAndTrends() {
        scriptedTraffic();

        JsonNode report = kpis("from=" + DAY + "&to=" + DAY + "&granularity=hour");
        JsonNode k = report.get("kpis");
        assertKpi(k, "conversations", 4, 2, "up");
        assertKpi(k, "messages", 5, 2, "up");
        assertKpi(k, "uniqueVisitors", 3, 2, "up");
        assertKpi(k, "returningVisitors", 1, 0, "up");
        assertKpi(k, "averageTurns", 1.25, 1.0, "up");
        assertKpi(k, "noAnswers", 1, 0, "up");
        assertKpi(k, "noAnswerRate", 0.2, 0.0, "up");
        assertKpi(k, "answerRate", 0.6, 1.0, "down");
        assertKpi(k, "completionRate", 0.8, 1.0, "down");
        assertKpi(k, "thumbsUp", 1, 0, "up");
        assertKpi(k, "thumbsDown", 2, 0, "up");
        assertThat(k.get("csat").get("value").asDouble()).isEqualTo(0.3333);
        assertKpi(k, "solvedRate", 0.5, null, null);
        assertKpi(k, "outputTokens", 300, 300, "stable");
        assertKpi(k, "inputTokens", 250, 100, "up");
        assertKpi(k, "citationsPerAnswer", 0.4, 0.0, "up");
        assertThat(k.get("answerTimeP50Ms").get("value").asLong()).isBetween(1000L, 1500L);
        assertThat(k.get("answerTimeP95Ms").get("value").asLong()).isBetween(5000L, 7500L);
        assertThat(k.get("timeToFirstTokenP50Ms").get("value").asLong()).isBetween(100L, 300L);
        // no handoff: every conversation served itself; two cited pages, no click yet
        assertKpi(k, "selfServiceRate", 1.0, 1.0, "stable");
        assertKpi(k, "handoffRate", 0.0, 0.0, "stable");
        assertKpi(k, "citationClickThrough", 0.0, null, null);
        for (String missing : List.of("cost", "kbSyncRate")) {
            assertThat(k.get(missing).get("value").isNull()).as(missing).isTrue();
            assertThat(k.get(missing).get("noData").asString()).as(missing).isNotBlank();
        }
        assertThat(report.get("series")).hasSize(24);
        // Europe/Berlin: 08:00Z is the 09:00 bucket, the tenth of the day
        assertThat(report.get("series").get(9).get("messages").asLong()).isEqualTo(2);
        assertThat(report.get("tokensByModel").get(0).get("answers").asLong()).isEqualTo(5);
        assertThat(report.get("crawl").get("runs").asLong()).isEqualTo(1);
        assertThat(report.get("crawl").get("pagesChanged").asLong()).isEqualTo(3);
        assertThat(report.get("crawl").get("pagesFailed").asLong()).isEqualTo(1);
        assertThat(report.get("crawl").get("lastStatus").asString()).isEqualTo("succeeded");
        assertThat(report.get("knowledge").get("documentsAdded").asLong()).isEqualTo(2);
        assertThat(report.get("knowledge").get("documentsFailed").asLong()).isEqualTo(1);
        assertThat(report.get("topCitedPages").get(0).get("citations").asLong()).isEqualTo(1);
        List<String> topics = new ArrayList<>();
        report.get("topTopics").forEach(t -> topics.add(t.get("term").asString()));
        assertThat(topics.get(0)).isEqualTo("personalausweis");
        assertThat(topics).contains("wertstoffhof", "hundesteuer");

        JsonNode byWidget = kpis("from=" + DAY + "&to=" + DAY + "&widgetId=" + widget1).get("kpis");
        assertKpi(byWidget, "conversations", 2, 2, "stable");
        assertKpi(byWidget, "messages", 3, 2, "up");
        JsonNode api = kpis("from=" + DAY + "&to=" + DAY + "&channel=api").get("kpis");
        assertKpi(api, "conversations", 1, 0, "up");
        assertThat(kpis("from=" + BEFORE + "&to=" + DAY + "&granularity=day").get("series")).hasSize(2);
    }

    @Test
    void rollupsRebuiltFromTheEventLogEqualTheLiveOnes() {
        scriptedTraffic();
        Map<String, List<String>> live = snapshot();
        assertThat(live.get("analytics_hourly")).isNotEmpty();

        String admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        TestApi.Response rebuilt = api.post("/api/v1/tenants/" + tenant.slug() + "/analytics/rebuild", admin, Map.of());
        assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
        assertThat(rebuilt.json().get("events").asLong()).isEqualTo(21);

        assertThat(snapshot()).isEqualTo(live);
        TestApi.Response forbidden = api.post("/api/v1/tenants/" + tenant.slug() + "/analytics/rebuild", viewer, Map.of());
        assertThat(forbidden.status()).isEqualTo(403);
    }

    @Test
    void unansweredQuestionsAreClusteredAndCanBeMarkedHandled() {
        scriptedTraffic();
        String base = "/api/v1/tenants/" + tenant.slug() + "/analytics/unanswered?from=" + BEFORE + "&to=" + DAY;
        JsonNode open = api.get(base, viewer).json();
        // a no-answer (also rated down) and a down-rated answer, about different things
        assertThat(open.get("questions").asInt()).isEqualTo(2);
        assertThat(open.get("clusters")).hasSize(2);
        List<String> labels = new ArrayList<>();
        open.get("clusters").forEach(c -> labels.add(c.get("label").asString()));
        assertThat(String.join("|", labels)).contains("wertstoffhof").contains("hundesteuer");
        JsonNode waste = open.get("clusters").get(labels.get(0).contains("wertstoffhof") ? 0 : 1);
        assertThat(waste.get("noAnswers").asInt()).isEqualTo(1);
        assertThat(waste.get("thumbsDown").asInt()).isEqualTo(1);

        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String path = "/api/v1/tenants/" + tenant.slug() + "/analytics/unanswered/handled";
        assertThat(api.post(path, viewer, Map.of("messageIds", List.of(waste.get("messageIds").get(0).asString())))
                .status()).isEqualTo(403);
        TestApi.Response handled = api.post(path, editor, Map.of("messageIds", List.of(waste.get("messageIds").get(0).asString())));
        assertThat(handled.status()).as(handled.toString()).isEqualTo(200);
        assertThat(handled.json().get("handled").asInt()).isEqualTo(1);
        assertThat(api.get(base, viewer).json().get("clusters")).hasSize(1);
        assertThat(api.get(base + "&includeHandled=true", viewer).json().get("clusters")).hasSize(2);
        assertThat(api.post(path, editor, Map.of("messageIds", List.of())).status()).isEqualTo(400);
    }

    @Test
    void badPeriodsAreRefusedWithProblems() {
        String base = "/api/v1/tenants/" + tenant.slug() + "/analytics?";
        for (String query : List.of("from=2026-11-10&to=2026-11-01", "from=2020-01-01&to=2026-11-01",
                "granularity=minute", "from=gestern", "granularity=hour&from=2026-01-01&to=2026-06-01",
                "widgetId=not-a-uuid")) {
            TestApi.Response r = api.get(base + query, viewer);
            assertThat(r.status()).as(query + " -> " + r).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(query).startsWith("application/problem+json");
        }
        assertThat(api.get(base, viewer).status()).isEqualTo(200);
    }

    private static void assertKpi(JsonNode kpis, String name, Number value, Number previous, String trend) {
        JsonNode k = kpis.get(name);
        assertThat(k).as(name).isNotNull();
        assertThat(k.get("value").asDouble()).as(name + " value").isEqualTo(value.doubleValue());
        if (previous == null) {
            assertThat(k.get("previous").isNull()).as(name + " previous").isTrue();
        } else {
            assertThat(k.get("previous").asDouble()).as(name + " previous").isEqualTo(previous.doubleValue());
        }
        if (trend == null) {
            assertThat(k.get("trend").isNull()).as(name + " trend").isTrue();
        } else {
            assertThat(k.get("trend").asString()).as(name + " trend").isEqualTo(trend);
        }
    }

    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new java.util.TreeMap<>();
        for (String table : List.of("analytics_hourly", "analytics_conversations", "analytics_visitors",
                "analytics_knowledge_hourly", "analytics_crawls", "analytics_cited_daily", "analytics_terms_daily",
                "analytics_unanswered")) {
            tables.put(table, jdbc.sql("select t::text from " + table + " t where tenant_id = :t order by t::text")
                    .param("t", tenant.id()).query(String.class).list());
        }
        return tables;
    }
}
