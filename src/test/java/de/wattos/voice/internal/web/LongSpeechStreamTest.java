package de.wattos.voice.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.SpeechStreams;
import de.wattos.support.TestApi;
import de.wattos.voice.internal.contract.OpenAiSpeechContractTest.OpenAiSpeechStub;
import de.wattos.voice.internal.contract.VoiceStub;
import java.io.BufferedReader;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A streamed speech answer that takes longer than the servlet container's default async timeout (30 s) is not cut:
 * the service answers the last sentence only after 40 s (within the provider's own 60 s timeout). Before the stream
 * got its own bound, the answer ended after the second sentence without its closing line. Slow by nature (it must
 * outlast the default), so in the slow suite.
 */
@IntegrationTest
@Tag("slow")
class LongSpeechStreamTest {

    @LocalServerPort
    int port;

    @Test
    void aStreamLongerThanTheContainersAsyncTimeoutEndsWithItsDoneLine() throws Exception {
        TestApi api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        String base = "/api/v1/tenants/" + tenant.slug() + "/voice";
        try (VoiceStub service = new OpenAiSpeechStub()) {
            VoiceStub.Hold last = new VoiceStub.Hold();
            service.enqueue(new VoiceStub.Answer(), new VoiceStub.Answer(), last);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("purpose", "speech");
            config.put("name", "Langsame Stimme");
            config.put("type", "openai");
            config.put("baseUrl", service.baseUri().toString());
            config.put("voice", "stub-voice");
            config.put("timeoutSeconds", 60);
            TestApi.Response created = api.post(base + "/providers", api.userToken(tenant.slug(), Role.TENANT_ADMIN), config);
            assertThat(created.status()).as(created.body()).isEqualTo(201);

            HttpResponse<InputStream> r = api.http().send(api.builder(base + "/speech", api.userToken(tenant.slug(), Role.VIEWER))
                    .header("Content-Type", "application/json").header("Accept", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(TestApi.JSON.writeValueAsString(Map.of("text",
                            SpeechStreams.TEXT)))).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            List<JsonNode> lines = new ArrayList<>();
            try (BufferedReader in = SpeechStreams.reader(r)) {
                lines.add(TestApi.JSON.readTree(in.readLine()));
                assertThat(last.reached().await(100, TimeUnit.SECONDS)).isTrue();
                Thread.sleep(40_000); // the service is slow: longer than the container's default async timeout
                last.release().countDown();
                lines.addAll(SpeechStreams.rest(in));
            }
            assertThat(lines).hasSize(4);
            assertThat(lines.get(2).get("text").asString()).isEqualTo("Termine gibt es online.");
            assertThat(lines.get(3).get("done").asBoolean()).isTrue();
        }
    }
}
