package de.wattos.widget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.platform.SecretBox;
import de.wattos.support.TestApi;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The public widget API as a browser (or an attacker) meets it: origins, tokens, bad input, floods. */
@IntegrationTest
class PublicWidgetApiTest {

    static final String SITE = "http://127.0.0.1:5173";
    static final String EVIL = "http://127.0.0.1:6666";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SecretBox secrets;

    TestApi api;
    String slug;
    String editor;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        slug = api.createTenant().slug();
        editor = api.userToken(slug, Role.EDITOR);
    }

    JsonNode widget(String status, Map<String, Object> limits) {
        Map<String, Object> body = new HashMap<>(WidgetApiTest.fullWidget());
        body.put("allowedOrigins", List.of(SITE));
        body.put("status", status);
        if (limits != null) {
            body.put("limits", limits);
        }
        TestApi.Response r = api.post("/api/v1/tenants/" + slug + "/widgets", editor, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    TestApi.Response call(String method, String path, String origin, String token, String body, String... headers) {
        HttpRequest.Builder b = api.builder(path, token);
        if (origin != null) {
            b.header("Origin", origin);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return api.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    String session(String key, String origin) {
        TestApi.Response r = call("POST", "/api/v1/public/widgets/" + key + "/sessions", origin, null, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("token").asString();
    }

    @Test
    void configIsCacheableAndOnlyForAllowedOrigins() {
        String key = widget("active", null).get("publicKey").asString();
        String path = "/api/v1/public/widgets/" + key + "/config";
        TestApi.Response ok = call("GET", path, SITE, null, null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo(SITE);
        assertThat(ok.header("Cache-Control")).contains("max-age=60");
        assertThat(ok.header("ETag")).isNotBlank();
        assertThat(ok.json().get("assistantName").asString()).isEqualTo("Lotta");
        assertThat(ok.body()).doesNotContain("allowedOrigins").doesNotContain("limits").doesNotContain(SITE);
        assertThat(call("GET", path, SITE, null, null, "If-None-Match", ok.header("ETag")).status()).isEqualTo(304);

        TestApi.Response evil = call("GET", path, EVIL, null, null);
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.code()).isEqualTo("origin_not_allowed");
        assertThat(evil.header("Access-Control-Allow-Origin")).isNull();

        TestApi.Response preflight = call("OPTIONS", "/api/v1/public/widgets/" + key + "/messages", SITE, null, null,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(SITE);
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("Authorization");
        TestApi.Response badPreflight = call("OPTIONS", "/api/v1/public/widgets/" + key + "/messages", EVIL, null, null,
                "Access-Control-Request-Method", "POST");
        assertThat(badPreflight.status()).isEqualTo(403);
        assertThat(badPreflight.code()).isEqualTo("origin_not_allowed");
    }

    @Test
    void unknownKeysAndInactiveWidgetsAreRefusedClearly() {
        TestApi.Response unknown = call("GET", "/api/v1/public/widgets/wk_doesnotexist000000/config", SITE, null, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/public/widgets/wk_doesnotexist000000/sessions", SITE, null, null).status()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/public/widgets/%3Cscript%3E/config", SITE, null, null).status()).isEqualTo(404);

        String draft = widget("draft", null).get("publicKey").asString();
        TestApi.Response inactive = call("POST", "/api/v1/public/widgets/" + draft + "/sessions", SITE, null, null);
        assertThat(inactive.status()).isEqualTo(403);
        assertThat(inactive.code()).isEqualTo("widget_inactive");
        assertThat(call("GET", "/api/v1/public/widgets/" + draft + "/config", SITE, null, null).code()).isEqualTo("widget_inactive");
        assertThat(api.get("/w/" + draft, null).status()).isEqualTo(403);
    }

    @Test
    void visitorTokensAreRequiredFreshAndBoundToWidgetAndOrigin() throws Exception {
        JsonNode w = widget("active", null);
        String key = w.get("publicKey").asString();
        String messages = "/api/v1/public/widgets/" + key + "/messages";
        String hello = "{\"content\":\"Hallo\"}";

        assertThat(call("POST", "/api/v1/public/widgets/" + key + "/sessions", null, null, null).code()).isEqualTo("origin_not_allowed");
        TestApi.Response missing = call("POST", messages, SITE, null, hello);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.code()).isEqualTo("visitor_token_missing");

        TestApi.Response garbage = call("POST", messages, SITE, "not.a.token", hello);
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.code()).isEqualTo("visitor_token_invalid");

        String token = session(key, SITE);
        // a token used from another page origin is worthless (that origin is refused before it even counts)
        assertThat(call("POST", messages, EVIL, token, hello).code()).isEqualTo("origin_not_allowed");
        // ... and one widget's token is no good for another widget
        String otherKey = widget("active", null).get("publicKey").asString();
        assertThat(call("POST", "/api/v1/public/widgets/" + otherKey + "/messages", SITE, token, hello).code())
                .isEqualTo("visitor_token_invalid");

        TestApi.Response expired = call("POST", messages, SITE, expiredToken(key, w.get("id").asString()), hello);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.code()).isEqualTo("visitor_token_expired");

        TestApi.Response tooLong = call("POST", messages, SITE, token, "{\"content\":\"" + "a".repeat(4001) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo("message_too_long");
        assertThat(call("POST", messages, SITE, token, "{\"content\":\"   \"}").status()).isEqualTo(400);
        assertThat(call("POST", messages, SITE, token, "{\"content\":\"x\",\"evil\":true}").status()).isEqualTo(400);
        assertThat(call("POST", messages, SITE, token, "{\"conversationId\":\"nope\",\"content\":\"x\"}").status()).isEqualTo(400);
        TestApi.Response badFeedback = call("POST", "/api/v1/public/widgets/" + key + "/feedback", SITE, token,
                "{\"messageId\":\"" + java.util.UUID.randomUUID() + "\",\"rating\":\"meh\"}");
        assertThat(badFeedback.status()).isEqualTo(400);
    }

    @Test
    void aFloodFromOneAddressIsThrottled() {
        String key = widget("active", Map.of("messagesPerVisitorPerHour", 1000, "messagesPerIpPerHour", 2, "dailyTokenBudget", 100000))
                .get("publicKey").asString();
        String token = session(key, SITE);
        String tooLong = "{\"content\":\"" + "a".repeat(5000) + "\"}";
        // rejected input does not count; accepted messages do
        assertThat(call("POST", "/api/v1/public/widgets/" + key + "/messages", SITE, token, tooLong).status()).isEqualTo(400);
        int throttled = 0;
        String retryAfter = null;
        for (int i = 0; i < 4; i++) {
            TestApi.Response r = call("POST", "/api/v1/public/widgets/" + key + "/messages", SITE, token,
                    "{\"content\":\"Frage " + i + "\"}", "Accept", "text/event-stream, application/problem+json");
            if (r.status() == 429) {
                throttled++;
                retryAfter = r.header("Retry-After");
                assertThat(r.code()).isEqualTo("rate_limited");
            }
        }
        assertThat(throttled).isEqualTo(2);
        assertThat(Long.parseLong(retryAfter)).isPositive();

        // opening sessions is throttled per address too
        int sessionsRefused = 0;
        for (int i = 0; i < 70; i++) {
            if (call("POST", "/api/v1/public/widgets/" + key + "/sessions", SITE, null, null).status() == 429) {
                sessionsRefused++;
            }
        }
        assertThat(sessionsRefused).isGreaterThan(0);
    }

    @Test
    void iframePageMayOnlyBeFramedByAllowedOrigins() {
        String key = widget("active", null).get("publicKey").asString();
        TestApi.Response page = api.get("/w/" + key, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'self' " + SITE);
        assertThat(page.body()).contains("data-wattos-widget=\"" + key + "\"").contains("data-mode=\"fullpage\"");
        assertThat(api.get("/w/" + key + "/preview", null).body()).contains("/widget.js");
        assertThat(api.get("/w/wk_unknown00000000", null).status()).isEqualTo(404);
        TestApi.Response script = api.get("/widget.js", null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).contains("javascript");
        assertThat(script.header("Cache-Control")).contains("max-age=300");
    }

    private String expiredToken(String publicKey, String widgetId) throws Exception {
        String sealed = jdbc.sql("select sealed_key from widget_signing_keys where name = 'visitor-token'").query(String.class).single();
        byte[] key = Base64.getDecoder().decode(secrets.decrypt(sealed));
        Instant issued = Instant.now().minusSeconds(3600);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().issuer("wattos-widget")
                .subject("v_test").audience(publicKey).claim("wid", widgetId).claim("origin", SITE)
                .issueTime(Date.from(issued)).expirationTime(Date.from(issued.plusSeconds(900))).build());
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
