package de.wattos.support;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.platform.Role;
import java.util.List;
import java.util.Map;

/** Knowledge articles through the whole workflow (write, submit, approve by a reviewer, publish), for tests that need one served. */
public final class PublishedArticles {

    private PublishedArticles() {
    }

    /** Publishes an article answering {@code question} in the space; returns the article's id. */
    public static String publish(TestApi api, String tenantSlug, String spaceId, String title, String question, String body) {
        String base = "/api/v1/tenants/" + tenantSlug;
        String editor = api.userToken(tenantSlug, Role.EDITOR);
        TestApi.Response created = api.post(base + "/kb/articles", editor, Map.of("spaceId", spaceId, "title", title,
                "questions", List.of(question), "body", body));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        String article = base + "/kb/articles/" + id;
        assertThat(api.post(article + "/submit", editor, Map.of()).status()).isEqualTo(200);
        assertThat(api.post(article + "/approve", api.userToken(tenantSlug, Role.REVIEWER), Map.of()).status()).isEqualTo(200);
        assertThat(api.post(article + "/publish", editor, Map.of()).status()).isEqualTo(200);
        return id;
    }
}
