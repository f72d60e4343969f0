package de.wattos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A citizen in the widget asks for a person: the conversation enters the tenant's handoff queue with a summary, a
 * member of staff takes it and writes, the citizen reads it live on the conversation's event stream and writes back
 * (staff see it live on the tenant's event stream), the end hands the conversation back to the assistant. Outside
 * office hours the citizen is told when and how to reach someone, and nothing is queued.
 */
@IntegrationTest
class HandoffApiTest {

    static final String SITE = "https://www.gemeinde.example";

    @LocalServerPort
    int port;
    TestApi api;
    TestApi.Tenant tenant;
    String base;
    String admin;
    String key;
    final List<Thread> readers = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        TestApi.Response widget = api.post(base + "/widgets", admin, Map.of("name", "Bürgerservice", "status", "active", "allowedOrigins", List.of(SITE),
                "limits", Map.of("messagesPerVisitorPerHour", 100, "messagesPerIpPerHour", 100, "dailyTokenBudget", 1_000_000)));
        assertThat(widget.status()).as(widget.body()).isEqualTo(201);
        key = widget.json().get("publicKey").asString();
    }

    @AfterEach
    void stopReaders() {
        readers.forEach(Thread::interrupt);
    }

    private void officeHours(String hours) {
        TestApi.Response r = api.put(base, api.adminToken(), Map.of("slug", tenant.slug(), "name", "Gemeinde Bad Boll",
                "settings", Map.of("contact", Map.of("hours", hours, "email", "buergerbuero@bad-boll.de", "phone", "07164 8080"))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private TestApi.Response widgetPost(String what, String token, String json) {
        HttpRequest.Builder b = api.builder("/api/v1/public/widgets/" + key + "/" + what, token).header("Origin", SITE)
                .header("Accept", "text/event-stream, application/problem+json");
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return api.send(b.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    private String visitor() {
        TestApi.Response session = widgetPost("sessions", null, null);
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        return session.json().get("token").asString();
    }

    /** Reads an event stream on its own thread; each event as "name data". */
    private BlockingQueue<String> follow(HttpRequest.Builder request) throws Exception {
        HttpResponse<InputStream> stream = api.http().send(request.timeout(Duration.ofMinutes(3)).header("Accept", "text/event-stream")
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        readers.add(Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String name = null;
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        events.add(name + " " + line.substring(5).strip());
                    }
                }
            } catch (Exception closed) {
                // the test ended the stream
            }
        }));
        return events;
    }

    /** The next event whose text contains all parts (others are skipped); fails after a generous wait. */
    private static String next(BlockingQueue<String> events, String... parts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String e = events.poll(1, TimeUnit.SECONDS);
            if (e != null && List.of(parts).stream().allMatch(e::contains)) {
                return e;
            }
        }
        throw new AssertionError("no event with " + List.of(parts));
    }

    @Test
    void citizenAndStaffWriteToEachOtherLiveAndTheEndGivesTheConversationBack() throws Exception {
        officeHours("Mo–So 0–24 Uhr");
        String token = visitor();
        TestApi.Response asked = widgetPost("messages", token, "{\"content\":\"Ich möchte bitte mit einem Mitarbeiter sprechen.\"}");
        assertThat(asked.status()).as(asked.body()).isEqualTo(200);
        assertThat(asked.body()).contains("Ich verbinde Sie").contains("handed_over");
        String conversation = asked.header("X-Wattos-Conversation-Id");

        JsonNode queue = api.get(base + "/agent-runtime/handoffs?status=waiting", admin).json().get("items");
        assertThat(queue.size()).isEqualTo(1);
        JsonNode handoff = queue.get(0);
        assertThat(handoff.get("conversationId").asString()).isEqualTo(conversation);
        assertThat(handoff.get("reason").asString()).isEqualTo("citizen_request");
        assertThat(handoff.get("summary").asString()).contains("Anliegen: Ich möchte bitte mit einem Mitarbeiter sprechen.");
        String id = handoff.get("id").asString();

        BlockingQueue<String> citizen = follow(api.builder("/api/v1/public/widgets/" + key + "/conversations/" + conversation
                + "/events", token).header("Origin", SITE));
        BlockingQueue<String> console = follow(api.builder(base + "/events?topics=channel.*", admin));

        TestApi.Response taken = api.post(base + "/agent-runtime/handoffs/" + id + "/take", admin, Map.of());
        assertThat(taken.status()).as(taken.body()).isEqualTo(200);
        assertThat(taken.json().get("status").asString()).isEqualTo("active");
        assertThat(api.post(base + "/agent-runtime/handoffs/" + id + "/take", admin, Map.of()).code()).isEqualTo("handoff_taken");
        assertThat(next(citizen, "message", "\"role\":\"staff\"", "Ich habe Ihr Anliegen übernommen")).isNotNull();
        assertThat(next(citizen, "handoff", "active")).isNotNull();

        assertThat(api.post(base + "/agent-runtime/handoffs/" + id + "/messages", admin,
                Map.of("content", "Ihr Bewohnerparkausweis liegt zur Abholung bereit.")).status()).isEqualTo(201);
        next(citizen, "message", "\"role\":\"staff\"", "Bewohnerparkausweis");

        TestApi.Response reply = widgetPost("messages", token, "{\"conversationId\":\"" + conversation
                + "\",\"content\":\"Danke! Bis wann kann ich ihn abholen?\"}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("with_staff").doesNotContain("event:delta");
        next(console, "channel.conversation.message.posted", "\"role\":\"user\"", conversation);
        next(console, "channel.handoff.message", id);
        JsonNode transcript = api.get(base + "/agent-runtime/handoffs/" + id, admin).json().get("transcript");
        assertThat(transcript.get(transcript.size() - 1).get("content").asString()).isEqualTo("Danke! Bis wann kann ich ihn abholen?");

        TestApi.Response ended = api.post(base + "/agent-runtime/handoffs/" + id + "/end", admin, Map.of("note", "erledigt"));
        assertThat(ended.json().get("status").asString()).isEqualTo("ended");
        next(citizen, "message", "Ich bin wieder für Sie da");
        TestApi.Response after = widgetPost("messages", token, "{\"conversationId\":\"" + conversation
                + "\",\"content\":\"Wann hat das Rathaus geöffnet?\"}");
        assertThat(after.body()).doesNotContain("with_staff").contains("event:end");

        String events = api.get(base + "/audit?size=100", admin).body();
        assertThat(events).contains("agent.handoff.requested", "agent.handoff.accepted", "agent.handoff.ended");
        next(console, "channel.handoff.ended", "citizen_request");

        TestApi.Tenant other = api.createTenant();
        String otherAdmin = api.userToken(other.slug(), Role.TENANT_ADMIN);
        String otherBase = "/api/v1/tenants/" + other.slug() + "/agent-runtime/handoffs/" + id;
        assertThat(api.get(otherBase, otherAdmin).status()).isEqualTo(404);
        assertThat(api.post(otherBase + "/take", otherAdmin, Map.of()).status()).isEqualTo(404);
        assertThat(api.post(base + "/agent-runtime/handoffs/" + id + "/messages", admin, Map.of("content", " ")).code())
                .isEqualTo("validation_failed");
    }

    @Test
    void outsideOfficeHoursTheCitizenLearnsWhenAndHowToReachSomeone() {
        DayOfWeek notToday = ZonedDateTime.now(ZoneId.of("Europe/Berlin")).getDayOfWeek().plus(3);
        String day = Map.of(DayOfWeek.MONDAY, "Mo", DayOfWeek.TUESDAY, "Di", DayOfWeek.WEDNESDAY, "Mi", DayOfWeek.THURSDAY, "Do",
                DayOfWeek.FRIDAY, "Fr", DayOfWeek.SATURDAY, "Sa", DayOfWeek.SUNDAY, "So").get(notToday);
        officeHours(day + " 8–12 Uhr");
        TestApi.Response asked = widgetPost("messages", visitor(), "{\"content\":\"Kann ich bitte mit einem Menschen sprechen?\"}");
        assertThat(asked.body()).contains("Gerade ist leider niemand").contains(day + " 8–12 Uhr")
                .contains("buergerbuero@bad-boll.de").contains("07164 8080");
        assertThat(api.get(base + "/agent-runtime/handoffs", admin).json().get("items").size()).isZero();
    }

    @Test
    void anEnglishConversationReadsTheHandoffInEnglish() throws Exception {
        officeHours("Mo–So 0–24 Uhr");
        String token = visitor();
        TestApi.Response asked = widgetPost("messages", token, "{\"content\":\"Could I please speak to a real person about my parking permit?\"}");
        assertThat(asked.status()).as(asked.body()).isEqualTo(200);
        assertThat(asked.body()).contains("I am connecting you with a member of staff").doesNotContain("Ich verbinde Sie");
        String id = api.get(base + "/agent-runtime/handoffs?status=waiting", admin).json().get("items").get(0).get("id").asString();
        assertThat(api.post(base + "/agent-runtime/handoffs/" + id + "/take", admin, Map.of()).status()).isEqualTo(200);
        assertThat(api.post(base + "/agent-runtime/handoffs/" + id + "/end", admin, Map.of()).status()).isEqualTo(200);
        List<String> said = new java.util.ArrayList<>();
        api.get(base + "/agent-runtime/handoffs/" + id, admin).json().get("transcript").forEach(m -> said.add(m.get("content").asString()));
        assertThat(String.join("\n", said)).contains("I have taken over your request").contains("The conversation with our team has ended")
                .doesNotContain("Guten Tag").doesNotContain("Ich bin wieder");

        DayOfWeek notToday = ZonedDateTime.now(ZoneId.of("Europe/Berlin")).getDayOfWeek().plus(3);
        officeHours(Map.of(DayOfWeek.MONDAY, "Mo", DayOfWeek.TUESDAY, "Di", DayOfWeek.WEDNESDAY, "Mi", DayOfWeek.THURSDAY, "Do",
                DayOfWeek.FRIDAY, "Fr", DayOfWeek.SATURDAY, "Sa", DayOfWeek.SUNDAY, "So").get(notToday) + " 8–12 Uhr");
        TestApi.Response closed = widgetPost("messages", visitor(), "{\"content\":\"Can I talk to a human, please?\"}");
        assertThat(closed.body()).contains("Unfortunately nobody from our team is available").contains("by phone at 07164 8080")
                .contains("by e-mail to buergerbuero@bad-boll.de");
    }
}
