package de.wattos.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What the console's document pages need from the API: server-side paging, a text search over title, URL and file
 * name (wildcards in the search taken literally), and document counts per space and status in one request.
 */
@IntegrationTest
class DocumentListingTest {

    @LocalServerPort int port;
    @Autowired UploadWorkers workers;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void aLargeSpaceIsPagedSearchedAndCountedOnTheServer() throws InterruptedException {
        TestApi.Tenant tenant = api.createTenant();
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String base = "/api/v1/tenants/" + tenant.slug();
        String space = api.post(base + "/spaces", editor, Map.of("name", "Rathaus")).json().get("id").asString();
        String other = api.post(base + "/spaces", editor, Map.of("name", "Schulen")).json().get("id").asString();

        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 1; i <= 28; i++) {
            files.put("amtsblatt-" + i + ".txt", ("Amtsblatt Nummer " + i + " der Gemeinde.").getBytes(StandardCharsets.UTF_8));
        }
        files.put("abfall_kalender.txt", "Die Biotonne wird dienstags geleert.".getBytes(StandardCharsets.UTF_8));
        files.put("leer.txt", new byte[0]);
        assertThat(api.multipart(base + "/spaces/" + space + "/documents", editor, "files", files).status()).isEqualTo(202);
        assertThat(api.multipart(base + "/spaces/" + other + "/documents", editor, "files",
                Map.of("schulweg.txt", "Der Schulweg ist sicher.".getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(202);
        assertThat(workers.awaitIdle(120_000)).isTrue();

        String list = base + "/spaces/" + space + "/documents";
        JsonNode first = api.get(list + "?page=0&size=25", editor).json();
        JsonNode second = api.get(list + "?page=1&size=25", editor).json();
        assertThat(first.get("total").asLong()).isEqualTo(30);
        assertThat(first.get("items").size()).isEqualTo(25);
        assertThat(second.get("items").size()).isEqualTo(5);
        List<String> ids = new ArrayList<>();
        first.get("items").forEach(d -> ids.add(d.get("id").asString()));
        second.get("items").forEach(d -> ids.add(d.get("id").asString()));
        assertThat(ids).doesNotHaveDuplicates().hasSize(30);

        assertThat(names(api.get(list + "?q=" + enc("ABFALL"), editor).json())).containsExactly("abfall_kalender.txt");
        assertThat(names(api.get(list + "?q=" + enc("amtsblatt 2"), editor).json()))
                .containsExactlyInAnyOrder("amtsblatt-2.txt", "amtsblatt-12.txt", "amtsblatt-20.txt", "amtsblatt-21.txt",
                        "amtsblatt-22.txt", "amtsblatt-23.txt", "amtsblatt-24.txt", "amtsblatt-25.txt", "amtsblatt-26.txt",
                        "amtsblatt-27.txt", "amtsblatt-28.txt");
        assertThat(names(api.get(list + "?q=" + enc("leer") + "&status=failed", editor).json())).containsExactly("leer.txt");
        assertThat(names(api.get(list + "?q=" + enc("schulweg"), editor).json())).as("another space's document").isEmpty();
        // % and _ are searched for, not used as wildcards
        assertThat(names(api.get(list + "?q=" + enc("%"), editor).json())).isEmpty();
        assertThat(names(api.get(list + "?q=" + enc("_"), editor).json())).containsExactly("abfall_kalender.txt");
        assertThat(api.get(list + "?q=" + "x".repeat(201), editor).status()).isEqualTo(400);

        JsonNode counts = api.get(base + "/documents/counts", editor).json().get("items");
        Map<String, Long> bySpaceAndStatus = new LinkedHashMap<>();
        counts.forEach(c -> bySpaceAndStatus.put(c.get("spaceId").asString() + "/" + c.get("status").asString(), c.get("count").asLong()));
        assertThat(bySpaceAndStatus).containsExactlyInAnyOrderEntriesOf(Map.of(
                space + "/indexed", 29L, space + "/failed", 1L, other + "/indexed", 1L));

        // another tenant sees none of it
        TestApi.Tenant stranger = api.createTenant();
        String strangerToken = api.userToken(stranger.slug(), Role.TENANT_ADMIN);
        assertThat(api.get("/api/v1/tenants/" + stranger.slug() + "/documents/counts", strangerToken).json().get("items").size()).isZero();
        assertThat(api.get(base + "/documents/counts", strangerToken).status()).isEqualTo(404);
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(d -> names.add(d.get("filename").asString()));
        return names;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
