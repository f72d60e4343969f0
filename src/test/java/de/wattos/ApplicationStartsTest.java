package de.wattos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ApplicationStartsTest {

    @LocalServerPort
    int port;

    @Test
    void healthIsUpAndRequestIdIsEchoed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .header("X-Request-Id", "req-42").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-42");
    }

    @Test
    void requestIdReachesTheLogLinesOfItsRequest() throws Exception {
        Logger access = (Logger) LoggerFactory.getLogger("de.wattos.access");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        access.addAppender(events);
        // other tests start second applications that reconfigure the JVM-wide Logback levels
        Level before = access.getLevel();
        access.setLevel(Level.INFO);
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/me"))
                    .header("X-Request-Id", "trace-7f3a").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("\"requestId\":\"trace-7f3a\"");
            assertThat(events.list).anySatisfy(e -> {
                assertThat(e.getMDCPropertyMap()).containsEntry("requestId", "trace-7f3a");
                assertThat(e.getFormattedMessage()).startsWith("GET /api/v1/me 401");
            });
            // an unusable id is replaced by a generated one
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/me"))
                    .header("X-Request-Id", "<script>").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
        } finally {
            access.setLevel(before);
            access.detachAppender(events);
        }
    }
}
