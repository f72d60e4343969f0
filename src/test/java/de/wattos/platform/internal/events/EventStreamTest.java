package de.wattos.platform.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The live event stream (SSE) as the console and integrators use it. */
@IntegrationTest
class EventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    private String createSpace(TestApi.Tenant t, String token, String name) {
        TestApi.Response r = api.post("/api/v1/tenants/" + t.slug() + "/spaces", token, Map.of("name", name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    @Test
    void anotherTenantsEventsNeverArrive() throws Exception {
        var a = api.createTenant();
        var b = api.createTenant();
        String adminA = api.userToken(a.slug(), Role.TENANT_ADMIN);
        String adminB = api.userToken(b.slug(), Role.TENANT_ADMIN);
        try (var stream = EventStreamClient.open(api, a.slug(), "*", adminA, null)) {
            assertThat(stream.status).isEqualTo(200);
            String foreign = createSpace(b, adminB, "Fremd");
            api.delete("/api/v1/tenants/" + b.slug() + "/spaces/" + foreign, adminB);
            String own = createSpace(a, adminA, "Eigen");
            List<EventStreamClient.Event> seen = stream.until(own, WAIT);
            assertThat(seen).allSatisfy(e -> assertThat(e.data().get("tenantId").asString()).isEqualTo(a.id().toString()));
            assertThat(seen).noneSatisfy(e -> assertThat(e.data().toString()).contains(foreign));
            assertThat(seen.getLast().topic()).isEqualTo("knowledge.space.created");
        }
        // asking for the other tenant's stream looks exactly like asking for a tenant that does not exist
        assertThat(api.get("/api/v1/tenants/" + b.slug() + "/events?topics=*", adminA).status()).isEqualTo(404);
    }

    @Test
    void onlyTheSubscribedTopicsArriveInOrderWithTheEnvelope() throws Exception {
        var t = api.createTenant();
        String admin = api.userToken(t.slug(), Role.TENANT_ADMIN);
        try (var stream = EventStreamClient.open(api, t.slug(), "*.deleted,channel.widget.*", admin, null)) {
            String kept = createSpace(t, admin, "Bleibt");
            String gone = createSpace(t, admin, "Geht");
            assertThat(api.delete("/api/v1/tenants/" + t.slug() + "/spaces/" + gone, admin).status()).isEqualTo(204);
            TestApi.Response widget = api.post("/api/v1/tenants/" + t.slug() + "/widgets", admin,
                    Map.of("name", "Bürgerservice", "spaceIds", List.of(kept)));
            assertThat(widget.status()).as(widget.toString()).isEqualTo(201);
            String widgetId = widget.json().get("id").asString();

            List<EventStreamClient.Event> seen = stream.until(widgetId, WAIT);
            assertThat(seen).extracting(EventStreamClient.Event::topic)
                    .containsExactly("knowledge.space.deleted", "channel.widget.created");
            var deleted = seen.getFirst().data();
            assertThat(deleted.get("domain").asString()).isEqualTo("knowledge");
            assertThat(deleted.get("type").asString()).isEqualTo("space.deleted");
            assertThat(deleted.get("subject").get("id").asString()).isEqualTo(gone);
            assertThat(deleted.get("payload").get("name").asString()).isEqualTo("Geht");
            assertThat(deleted.get("actor").get("kind").asString()).isEqualTo("USER");
            assertThat(deleted.get("occurredAt").asString()).isNotBlank();
            assertThat(Long.parseLong(seen.get(1).id())).isGreaterThan(Long.parseLong(seen.get(0).id()));
        }
    }

    @Test
    void aReconnectWithLastEventIdGetsWhatItMissed() throws Exception {
        var t = api.createTenant();
        String editor = api.userToken(t.slug(), Role.EDITOR);
        String first;
        String second;
        String firstEventId;
        try (var stream = EventStreamClient.open(api, t.slug(), "knowledge.space.created", editor, null)) {
            first = createSpace(t, editor, "Eins");
            firstEventId = stream.until(first, WAIT).getLast().id();
            second = createSpace(t, editor, "Zwei");
            stream.until(second, WAIT);
        }
        String whileAway = createSpace(t, editor, "Drei");
        try (var resumed = EventStreamClient.open(api, t.slug(), "knowledge.space.created", editor, firstEventId)) {
            List<EventStreamClient.Event> seen = resumed.until(whileAway, WAIT);
            assertThat(seen).extracting(e -> e.data().get("subject").get("id").asString()).containsExactly(second, whileAway);
        }
    }

    @Test
    void viewersDoNotSeeUserAndLoginEventsAndIdleStreamsArePinged() throws Exception {
        var t = api.createTenant();
        String viewer = api.userToken(t.slug(), Role.VIEWER);
        String editor = api.userToken(t.slug(), Role.EDITOR);
        try (var stream = EventStreamClient.open(api, t.slug(), "*", viewer, null)) {
            assertThat(stream.status).isEqualTo(200);
            api.userToken(t.slug(), Role.EDITOR); // platform.user.created and platform.auth.login
            String space = createSpace(t, editor, "Sichtbar");
            List<EventStreamClient.Event> seen = stream.until(space, WAIT);
            assertThat(seen).extracting(EventStreamClient.Event::topic).containsExactly("knowledge.space.created");
            String comment;
            do {
                comment = stream.nextComment(Duration.ofSeconds(11));
            } while (comment != null && !comment.equals("ping"));
            assertThat(comment).as("a ping within 10 s of silence").isEqualTo("ping");
        }
    }

    @Test
    void topicsMustBeNamedAndWellFormed() {
        var t = api.createTenant();
        String admin = api.userToken(t.slug(), Role.TENANT_ADMIN);
        TestApi.Response none = api.get("/api/v1/tenants/" + t.slug() + "/events", admin);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/tenants/" + t.slug() + "/events?topics=knowledge..x", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/tenants/" + t.slug() + "/events?topics=*", null).status()).isEqualTo(401);
    }
}
