package de.wattos.interop;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the interop tests drive from outside: a tenant whose knowledge space holds one indexed page (the identity
 * card fee of Quellenhausen) and a VIEWER API key of that tenant, as F13 or another OpenAI/MCP client would hold it.
 */
final class InteropFixture {

    static final String FEE_QUESTION = "Wie hoch ist die Gebühr für einen Personalausweis?";

    final TestApi api;
    final TestApi.Tenant tenant;
    final String key;

    InteropFixture(int port) throws InterruptedException {
        api = new TestApi(port);
        tenant = api.createTenant();
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String base = "/api/v1/tenants/" + tenant.slug();
        String space = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice")).json().get("id").asString();
        TestApi.Response upload = api.multipart(base + "/spaces/" + space + "/documents", editor, "files", Map.of("ausweis.md",
                ("# Personalausweis beantragen\nDen Personalausweis beantragen Sie persönlich im Bürgerbüro von "
                        + "Quellenhausen. Die Gebühr für einen Personalausweis beträgt 37 Euro für Personen ab 24 Jahren.")
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 120_000;
        while (api.get(base + "/spaces/" + space + "/documents?status=indexed", editor).json().get("total").asLong() < 1) {
            assertThat(System.currentTimeMillis()).as("document indexed in time").isLessThan(deadline);
            Thread.sleep(200);
        }
        key = api.apiKey(tenant.slug(), Role.VIEWER);
    }

    String model() {
        return "wattos-" + tenant.slug();
    }
}
