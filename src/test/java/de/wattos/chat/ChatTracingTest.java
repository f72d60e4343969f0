package de.wattos.chat;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.WattosApplication;
import de.wattos.support.OtlpReceiver;
import de.wattos.support.TestApi;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tracing with {@code WATTOS_TRACING_OTLP_ENDPOINT} set: the uploads are exported as ingest spans and a chat question
 * as one trace (request → retrieval → model → stream) over OTLP/HTTP to a receiver on loopback that decodes the
 * protobuf the way a collector does. Its own
 * application start (the endpoint must be known at start), like {@code DurableDeliveryTest}.
 */
class ChatTracingTest {

    @TempDir
    Path dataDir;

    @Test
    void aChatQuestionAndTheIngestAreExportedAsSpansToTheConfiguredOtlpEndpoint() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver();
                ConfigurableApplicationContext app = new SpringApplicationBuilder(WattosApplication.class).run(
                        "--server.port=0", "--wattos.data-dir=" + dataDir, "--spring.profiles.active=test",
                        "--wattos.db.fsync=off", "--wattos.tracing.otlp-endpoint=" + receiver.tracesUrl())) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            ChatFixture chat = new ChatFixture(new TestApi(port));
            UUID conversation = chat.conversation(chat.viewer);
            TestApi.Response answer = chat.ask(conversation, chat.viewer, "Wie hoch ist die Hundesteuer?");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);

            OtlpReceiver.Span request = await(receiver, s -> s.name().startsWith("http post")
                    && s.name().contains("/messages"));
            assertThat(request.service()).isEqualTo("wattos");
            assertThat(request.traceId()).hasSize(32).isNotEqualTo("0".repeat(32));
            assertThat(request.spanId()).hasSize(16);
            for (String step : List.of("wattos.chat.retrieve", "wattos.chat.model", "wattos.chat.stream")) {
                // inside the request span (below Spring Security's spans, which may arrive in a later export)
                await(receiver, s -> s.name().equals(step) && s.traceId().equals(request.traceId())
                        && ancestors(receiver, s).contains(request.spanId()));
            }

            OtlpReceiver.Span ingest = await(receiver, s -> s.name().equals("wattos.ingest"));
            for (String step : List.of("wattos.ingest.extract", "wattos.ingest.embed", "wattos.ingest.index")) {
                OtlpReceiver.Span span = await(receiver, s -> s.name().equals(step)
                        && s.traceId().equals(ingest.traceId()));
                assertThat(span.parentSpanId()).as(step + " is a child of its document's ingest span")
                        .isEqualTo(ingest.spanId());
            }
            assertThat(receiver.refused()).isEmpty();

            // the same steps as Prometheus timers, labelled by tenant (bounded, see TenantMetricLabels)
            TestApi.Response scraped = chat.api.get("/actuator/prometheus", null);
            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.body().lines().filter(l -> l.startsWith("wattos_chat_model_seconds_count{")
                    && l.contains("tenant=\"" + chat.tenant.slug() + "\""))).as(scraped.body()).hasSize(1);
        }
    }

    /** The span ids above this span, from its parent up to the root of its trace as far as received. */
    private static List<String> ancestors(OtlpReceiver receiver, OtlpReceiver.Span span) {
        List<String> out = new java.util.ArrayList<>();
        String parent = span.parentSpanId();
        while (parent != null && !parent.isEmpty() && !out.contains(parent)) {
            out.add(parent);
            String id = parent;
            parent = receiver.spans().stream().filter(s -> id.equals(s.spanId())).map(OtlpReceiver.Span::parentSpanId)
                    .findFirst().orElse(null);
        }
        return out;
    }

    private static OtlpReceiver.Span await(OtlpReceiver receiver, Predicate<OtlpReceiver.Span> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Optional<OtlpReceiver.Span> found = receiver.spans().stream().filter(s -> s.name() != null)
                    .filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(System.nanoTime()).as("no such span within 60 s; received %s, refused %s", receiver.spans(),
                    receiver.refused()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
