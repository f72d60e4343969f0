package de.wattos.widget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A fresh tenant with an editor and widgets embedded on one site ({@link #SITE}), as the public widget tests need
 * them: {@link #widget} creates one with the given speech settings, {@link #session} opens a visitor session.
 */
final class PublicWidgetSite {

    static final String SITE = "http://127.0.0.1:5173";

    final TestApi api;
    final String slug;
    final String editor;

    PublicWidgetSite(int port) {
        api = new TestApi(port);
        slug = api.createTenant().slug();
        editor = api.userToken(slug, Role.EDITOR);
    }

    /** A widget of {@link WidgetApiTest#fullWidget()} allowed on {@link #SITE}; {@code speech} null leaves it out. */
    JsonNode widget(Map<String, Object> speech) {
        Map<String, Object> body = new HashMap<>(WidgetApiTest.fullWidget());
        body.put("allowedOrigins", List.of(SITE));
        if (speech != null) {
            body.put("speech", speech);
        }
        TestApi.Response r = api.post("/api/v1/tenants/" + slug + "/widgets", editor, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    /** A visitor token for the widget, asked for from {@link #SITE}. */
    String session(String key) {
        return api.send(api.builder("/api/v1/public/widgets/" + key + "/sessions", null).header("Origin", SITE)
                .POST(HttpRequest.BodyPublishers.noBody())).json().path("token").asString();
    }
}
