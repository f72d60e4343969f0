package de.wattos.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.TestApi;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Error texts come from the message bundles: German unless the caller prefers English, never both in one string. */
@IntegrationTest
class ProblemLanguageTest {

    @LocalServerPort
    int port;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    private TestApi.Response wrongLogin(String acceptLanguage) {
        HttpRequest.Builder b = api.builder("/api/v1/auth/login", null).header("Content-Type", "application/json");
        if (acceptLanguage != null) {
            b.header("Accept-Language", acceptLanguage);
        }
        String body = TestApi.JSON.writeValueAsString(Map.of("username", "nobody-" + UUID.randomUUID(), "password", "wrong-password-123"));
        return api.send(b.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void germanByDefaultEnglishOnRequest() {
        TestApi.Response german = wrongLogin(null);
        assertThat(german.status()).isEqualTo(401);
        assertThat(german.json().get("detail").asString()).isEqualTo("Benutzername oder Passwort ist falsch.");
        assertThat(german.json().get("title").asString()).isEqualTo("Nicht angemeldet");

        TestApi.Response english = wrongLogin("en-US,en;q=0.9");
        assertThat(english.json().get("detail").asString()).isEqualTo("Wrong username or password.");
        assertThat(english.json().get("title").asString()).isEqualTo("Unauthorized");

        TestApi.Response unsupported = wrongLogin("fr-FR");
        assertThat(unsupported.json().get("detail").asString()).isEqualTo("Benutzername oder Passwort ist falsch.");
        assertThat(wrongLogin("de;q=0.5, en;q=0.9").json().get("detail").asString()).isEqualTo("Wrong username or password.");
        assertThat(wrongLogin("%%%garbage").status()).isEqualTo(401);
    }

    @Test
    void fieldErrorsAndArgumentsAreTranslated() {
        TestApi.Response r = api.send(api.builder("/api/v1/tenants?size=0", api.adminToken()).GET());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).isEqualTo("Die Anfrage ist ungültig.");
        assertThat(r.json().get("errors").get(0).get("message").asString()).isEqualTo("muss zwischen 1 und 200 liegen");

        TestApi.Response en = api.send(api.builder("/api/v1/tenants?size=0", api.adminToken()).header("Accept-Language", "en").GET());
        assertThat(en.json().get("errors").get(0).get("message").asString()).isEqualTo("must be between 1 and 200");

        TestApi.Response unknown = api.send(api.builder("/api/v1/tenants/" + UUID.randomUUID() + "/users", api.adminToken()).GET());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).isEqualTo("Mandant nicht gefunden.");

        TestApi.Response param = api.send(api.builder("/api/v1/tenants?size=abc", api.adminToken()).header("Accept-Language", "en").GET());
        assertThat(param.json().get("detail").asString()).isEqualTo("Parameter \"size\" has an invalid value.");
    }
}
