package de.wattos.chat;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A tenant with a knowledge space holding three small municipal documents, uploaded through the knowledge REST API. */
final class ChatFixture {

    static final String CONTACT = "das Bürgerbüro (Telefon 0841 305-0)";

    static final String AUSWEIS = """
            Personalausweis beantragen

            Den Personalausweis beantragen Sie persönlich im Bürgerbüro der Stadt. Die Gebühr für einen Personalausweis beträgt 37 Euro für Personen ab 24 Jahren. Bringen Sie ein aktuelles biometrisches Passfoto und Ihren alten Ausweis mit.

            Gültigkeit des Personalausweises

            Der Personalausweis ist zehn Jahre gültig, für Personen unter 24 Jahren sechs Jahre. Die Bearbeitungszeit beträgt etwa drei bis vier Wochen.
            """;
    static final String HUNDESTEUER = """
            Hundesteuer

            Wer in der Stadt einen Hund hält, muss ihn innerhalb von zwei Wochen beim Steueramt anmelden. Die Hundesteuer beträgt 100 Euro im Jahr für den ersten Hund und 150 Euro für jeden weiteren Hund. Nach der Anmeldung erhalten Sie eine Hundesteuermarke.
            """;
    static final String SPERRMUELL = """
            Sperrmüll anmelden

            Sperrmüll wird zweimal im Jahr kostenlos abgeholt. Die Abholung melden Sie online oder telefonisch beim Abfallwirtschaftsbetrieb an. Elektrogeräte gehören nicht in den Sperrmüll, sondern zum Wertstoffhof.
            """;

    final TestApi api;
    final TestApi.Tenant tenant;
    final String viewer;
    final String editor;
    final UUID spaceId;
    final Map<String, UUID> documents = new LinkedHashMap<>();

    ChatFixture(TestApi api) throws InterruptedException {
        this.api = api;
        this.tenant = api.createTenant();
        TestApi.Response settings = api.put("/api/v1/tenants/" + tenant.slug(), api.adminToken(), Map.of("slug", tenant.slug(),
                "name", "Stadt Musterhausen", "settings", Map.of("assistantName", "Musterbot", "contact", CONTACT,
                        "refusedTopics", List.of("Kommunalwahl"))));
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        this.viewer = api.userToken(tenant.slug(), Role.VIEWER);
        this.editor = api.userToken(tenant.slug(), Role.EDITOR);
        TestApi.Response space = api.post(base() + "/spaces", editor, Map.of("name", "Bürgerservice"));
        assertThat(space.status()).as(space.toString()).isEqualTo(201);
        this.spaceId = UUID.fromString(space.json().get("id").asString());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("personalausweis.txt", AUSWEIS.getBytes(StandardCharsets.UTF_8));
        files.put("hundesteuer.txt", HUNDESTEUER.getBytes(StandardCharsets.UTF_8));
        files.put("sperrmuell.txt", SPERRMUELL.getBytes(StandardCharsets.UTF_8));
        TestApi.Response upload = api.multipart(base() + "/spaces/" + spaceId + "/documents", editor, "files", files);
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        List<String> names = List.copyOf(files.keySet());
        int i = 0;
        for (JsonNode item : upload.json().get("items")) {
            documents.put(names.get(i++), UUID.fromString(item.get("id").asString()));
        }
        long deadline = System.currentTimeMillis() + 120_000;
        for (UUID doc : documents.values()) {
            while (true) {
                TestApi.Response d = api.get(base() + "/documents/" + doc, editor);
                String status = d.json().path("status").asString();
                if ("indexed".equals(status)) {
                    break;
                }
                assertThat(status).as("document " + doc + ": " + d).isIn("pending", "indexed");
                assertThat(System.currentTimeMillis()).as("indexing took too long").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    String base() {
        return "/api/v1/tenants/" + tenant.slug();
    }

    UUID conversation(String token) {
        TestApi.Response r = api.post(base() + "/conversations", token,
                Map.of("spaceIds", List.of(spaceId), "channel", "console", "locale", "de-DE"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return UUID.fromString(r.json().get("id").asString());
    }

    TestApi.Response ask(UUID conversation, String token, String content) {
        return api.post(base() + "/conversations/" + conversation + "/messages", token, Map.of("content", content));
    }
}
