package de.wattos.kb;

import de.wattos.support.Indexing;
import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A curated answer beats crawled text: once an approved article answering the question is published, chat answers
 * from it first and cites it as curated; before that (and after it is withdrawn) the crawled page answers.
 */
@IntegrationTest
class CuratedAnswerFirstTest {

    static final String CRAWLED = """
            Sperrmüll

            Sperrmüll wird jedes Jahr im April und im Oktober abgeholt. Die Abholung melden Sie beim Abfallwirtschaftsbetrieb an. Elektrogeräte gehören zum Wertstoffhof.
            """;

    @LocalServerPort int port;

    @Test
    void aPublishedArticleAnswersBeforeTheCrawledPageAndIsCitedAsCurated() throws Exception {
        TestApi api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        String base = "/api/v1/tenants/" + tenant.slug();
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String reviewer = api.userToken(tenant.slug(), Role.REVIEWER);
        String space = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice")).json().get("id").asString();
        TestApi.Response upload = api.multipart(base + "/spaces/" + space + "/documents", editor, "files",
                Map.of("sperrmuell.txt", CRAWLED.getBytes(StandardCharsets.UTF_8)));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        Indexing.awaitIndexed(api, base, editor, upload.json().get("items").get(0).get("id").asString());
        String question = "Wann wird der Sperrmüll abgeholt?";

        JsonNode before = ask(api, base, editor, space, question);
        assertThat(before.get("noAnswer").asBoolean()).as(before.toString()).isFalse();
        assertThat(before.get("citations").get(0).get("curated").asBoolean()).isFalse();

        TestApi.Response created = api.post(base + "/kb/articles", editor, Map.of("spaceId", space,
                "title", "Abholtermine für Sperrmüll",
                "questions", List.of("Wann wird der Sperrmüll abgeholt?", "Wann kommt die Sperrmüllabfuhr?"),
                "body", "Der Sperrmüll wird am ersten Montag im März und im September abgeholt; "
                        + "anmelden bis zum Freitag davor beim Bürgerbüro."));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String article = base + "/kb/articles/" + created.json().get("id").asString();
        assertThat(created.json().get("questions").size()).isEqualTo(2);
        api.post(article + "/submit", editor, Map.of());
        JsonNode draftAnswer = ask(api, base, editor, space, question);
        assertThat(draftAnswer.get("content").asString()).as("an unapproved article never answers")
                .doesNotContain("ersten Montag");
        assertThat(api.post(article + "/approve", reviewer, Map.of()).status()).isEqualTo(200);
        assertThat(api.post(article + "/publish", editor, Map.of()).status()).isEqualTo(200);

        JsonNode after = ask(api, base, editor, space, question);
        assertThat(after.get("noAnswer").asBoolean()).as(after.toString()).isFalse();
        assertThat(after.get("content").asString()).contains("ersten Montag").contains("[1]");
        JsonNode first = after.get("citations").get(0);
        assertThat(first.get("n").asInt()).isEqualTo(1);
        assertThat(first.get("curated").asBoolean()).isTrue();
        assertThat(first.get("title").asString()).isEqualTo("Abholtermine für Sperrmüll");
        assertThat(first.get("url").isNull() || first.get("url").isMissingNode()).as("an article has no link").isTrue();

        assertThat(api.post(article + "/withdraw", editor, Map.of()).status()).isEqualTo(200);
        JsonNode withdrawn = ask(api, base, editor, space, question);
        assertThat(withdrawn.get("content").asString()).doesNotContain("ersten Montag");
    }

    private static JsonNode ask(TestApi api, String base, String token, String space, String question) {
        TestApi.Response conversation = api.post(base + "/conversations", token,
                Map.of("spaceIds", List.of(space), "channel", "console", "locale", "de-DE"));
        assertThat(conversation.status()).as(conversation.toString()).isEqualTo(201);
        TestApi.Response r = api.post(base + "/conversations/" + conversation.json().get("id").asString() + "/messages",
                token, Map.of("content", question));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("message");
    }
}
