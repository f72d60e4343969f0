package de.wattos.analytics;

import de.wattos.chat.ConversationStarted;
import de.wattos.chat.FeedbackGiven;
import de.wattos.chat.MessageAnswered;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.ModuleEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scripted traffic of one tenant, published on the event bus as chat, crawl and the agent module publish it. Each
 * event is awaited until analytics took it: traffic arrives one event at a time, as in reality (an answer after
 * its conversation), while delivery itself is asynchronous. Only this tenant's deliveries are awaited: other tests
 * may leave analytics deliveries pending for minutes (retries).
 */
final class AnalyticsTraffic {

    private final DomainEvents bus;
    private final JdbcClient jdbc;
    private final UUID tenant;

    AnalyticsTraffic(DomainEvents bus, JdbcClient jdbc, UUID tenant) {
        this.bus = bus;
        this.jdbc = jdbc;
        this.tenant = tenant;
    }

    static Instant at(String day, String time) {
        return Instant.parse(day + "T" + time + "Z");
    }

    void publish(ModuleEvent event) {
        bus.publish(event);
        awaitAnalytics();
    }

    void publish(DomainEvent event) {
        bus.publish(event);
        awaitAnalytics();
    }

    private void awaitAnalytics() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
                select count(*) from event_publication where listener_id like 'analytics.%' and completion_date is null
                  and serialized_event like :tenant""").param("tenant", "%" + tenant + "%")
                .query(Long.class).single() == 0);
    }

    UUID conversation(Instant at, String channel, UUID widget, String visitor) {
        UUID id = UUID.randomUUID();
        publish(new ConversationStarted(tenant, id, channel, "de", List.of(), at, widget, visitor, null));
        return id;
    }

    /** An answer of the extractive answerer with 50 input tokens. */
    UUID answer(UUID conversation, Instant at, String question, boolean noAnswer, String finishReason, long latency,
            Long ttft, int outputTokens, List<MessageAnswered.CitedSource> cited) {
        return answer(conversation, at, question, noAnswer, finishReason, latency, ttft, "extractive", "extractive-de",
                50, outputTokens, cited);
    }

    UUID answer(UUID conversation, Instant at, String question, boolean noAnswer, String finishReason, long latency,
            Long ttft, String provider, String model, int inputTokens, int outputTokens,
            List<MessageAnswered.CitedSource> cited) {
        UUID id = UUID.randomUUID();
        publish(new MessageAnswered(tenant, conversation, id, "widget", provider, model, latency, ttft, inputTokens,
                outputTokens, cited.size(), noAnswer, finishReason, at, question, cited));
        return id;
    }

    void feedback(UUID conversation, UUID message, Instant at, String rating, Boolean solved) {
        publish(new FeedbackGiven(tenant, conversation, message, rating, solved, false, at, UUID.randomUUID()));
    }

    /** A widget conversation without a widget id, started on {@code day} at {@code time} (UTC). */
    UUID conversation(String day, String time, String visitor) {
        return conversation(at(day, time), "widget", null, visitor);
    }

    UUID conversation(String day, String time, String channel, UUID widget, String visitor) {
        return conversation(at(day, time), channel, widget, visitor);
    }

    /** A plain answer: finished normally in 900 ms, first token after 200 ms, 100 output tokens. */
    UUID answer(UUID conversation, String day, String time, String question, boolean noAnswer,
            List<MessageAnswered.CitedSource> cited) {
        return answer(conversation, at(day, time), question, noAnswer, "stop", 900, 200L, 100, cited);
    }

    UUID answer(UUID conversation, String day, String time, String question, boolean noAnswer, String finishReason,
            long latency, Long ttft, int outputTokens, List<MessageAnswered.CitedSource> cited) {
        return answer(conversation, at(day, time), question, noAnswer, finishReason, latency, ttft, outputTokens, cited);
    }

    /** The answer event itself (extractive answerer, 50 input tokens), for tests that publish it twice. */
    MessageAnswered answered(UUID id, UUID conversation, String day, String time, String question, boolean noAnswer,
            String finishReason, long latency, Long ttft, int outputTokens, List<MessageAnswered.CitedSource> cited) {
        return new MessageAnswered(tenant, conversation, id, "widget", "extractive", "extractive-de", latency, ttft, 50,
                outputTokens, cited.size(), noAnswer, finishReason, at(day, time), question, cited);
    }

    void feedback(UUID conversation, UUID message, String day, String time, String rating, Boolean solved) {
        feedback(conversation, message, at(day, time), rating, solved);
    }
}
