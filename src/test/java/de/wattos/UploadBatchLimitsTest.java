package de.wattos;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.support.TestApi;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Uploads as README promises: up to 100 files per request, and one file over the size limit does not sink the batch. */
@IntegrationTest
class UploadBatchLimitsTest {

    @LocalServerPort
    int port;

    @Test
    void aHundredFilesFitOneRequestAndOneOversizedFileIsRefusedAlone() {
        TestApi api = new TestApi(port);
        String admin = api.adminToken();
        String base = "/api/v1/tenants/" + api.createTenant().slug();
        String space = api.post(base + "/spaces", admin, Map.of("name", "Uploads")).json().get("id").asString();
        String documents = base + "/spaces/" + space + "/documents";

        Map<String, byte[]> hundred = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            hundred.put("notiz-" + i + ".txt", ("Notiz Nummer " + i + " über die Müllabfuhr.").getBytes(StandardCharsets.UTF_8));
        }
        TestApi.Response many = api.multipart(documents, admin, "files", hundred);
        assertThat(many.status()).as(many.body()).isEqualTo(202);
        assertThat(many.json().get("items").size()).isEqualTo(100);

        Map<String, byte[]> mixed = new LinkedHashMap<>();
        mixed.put("gut-1.txt", "Öffnungszeiten: Montag bis Freitag.".getBytes(StandardCharsets.UTF_8));
        mixed.put("riesig.txt", new byte[51 * 1024 * 1024]);
        mixed.put("gut-2.txt", "Sperrmüll wird am Dienstag abgeholt.".getBytes(StandardCharsets.UTF_8));
        TestApi.Response batch = api.multipart(documents, admin, "files", mixed);
        assertThat(batch.status()).as(batch.body()).isEqualTo(202);
        assertThat(batch.json().get("items").size()).isEqualTo(2);
        assertThat(batch.json().get("refused").size()).isEqualTo(1);
        assertThat(batch.json().get("refused").get(0).get("name").asString()).isEqualTo("riesig.txt");
        assertThat(batch.json().get("refused").get(0).get("code").asString()).isEqualTo("file_too_large");
        assertThat(batch.json().get("refused").get(0).get("reason").asString()).contains("50 MB");
    }
}
