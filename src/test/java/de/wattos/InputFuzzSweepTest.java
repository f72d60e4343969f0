package de.wattos;

import de.wattos.support.TestApi;
import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Feeds every endpoint that any module registers (found from the handler mappings, public ones included, so new
 * endpoints are covered without touching this test) the bad-input classes that once gave 500s: NUL in JSON strings,
 * map keys and query parameters, {@code null} inside lists and maps, wrong JSON types, wildcard content types,
 * absurd paging and dates. Each must be a 4xx problem+json (never a 5xx, never silently accepted). Request bodies
 * are generated from each handler's declared body type.
 */
@IntegrationTest
class InputFuzzSweepTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");
    private static final String EXTREME_DATE = "-999999999-01-01T00:00:00Z";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    TestApi api;
    String admin;
    Map<String, String> knownIds = new LinkedHashMap<>();

    enum Variant { NUL, NULL_IN_CONTAINER, WRONG_TYPE }

    record Endpoint(String method, String pattern, HandlerMethod handler) {
        Type bodyType() {
            for (MethodParameter p : handler.getMethodParameters()) {
                if (p.hasParameterAnnotation(RequestBody.class)) {
                    return p.getGenericParameterType();
                }
            }
            return null;
        }

        List<MethodParameter> queryParameters() {
            List<MethodParameter> out = new ArrayList<>();
            for (MethodParameter p : handler.getMethodParameters()) {
                if (p.hasParameterAnnotation(RequestParam.class) && !p.getParameterType().getName().contains("Multipart")
                        && !Map.class.isAssignableFrom(p.getParameterType())) {
                    out.add(p);
                }
            }
            return out;
        }

        String toString(String path) {
            return method + " " + pattern + " (" + path + ")";
        }
    }

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        // a session of its own: the sweep also calls the caller's own password change (with a wrong password)
        admin = api.login("admin", TestApi.ADMIN_PASSWORD, null);
    }

    private List<Endpoint> endpoints() {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = e.getKey();
                if (info.getPathPatternsCondition() == null) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                    if (pattern.startsWith("/error") || pattern.startsWith("/v3/api-docs") || pattern.startsWith("/swagger")
                            || pattern.contains("/stream") || pattern.endsWith("/ws") || pattern.contains("/events")) {
                        continue; // long-lived streams are exercised by their own tests
                    }
                    for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        if (m == RequestMethod.DELETE && pattern.equals("/api/v1/tenants/{tenant}")) {
                            continue; // would delete the sweep's own tenant half-way
                        }
                        endpoints.add(new Endpoint(m.name(), pattern, e.getValue()));
                    }
                }
            }
        }
        return new ArrayList<>(endpoints);
    }

    private String fill(String pattern, String tenant) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.equals("tenant") ? tenant : knownIds.getOrDefault(name, UUID.randomUUID().toString());
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private void prepareResources(TestApi.Tenant tenant) {
        String base = "/api/v1/tenants/" + tenant.slug();
        TestApi.Response space = api.post(base + "/spaces", admin, Map.of("name", "Fuzz " + UUID.randomUUID()));
        knownIds.put("space", space.json().get("id").asString());
        TestApi.Response widget = api.post(base + "/widgets", admin, Map.of("name", "Fuzz", "status", "active",
                "allowedOrigins", List.of("http://127.0.0.1:5173")));
        if (widget.status() == 201) {
            knownIds.put("publicKey", widget.json().get("publicKey").asString());
            knownIds.put("key", widget.json().get("publicKey").asString());
        }
    }

    @Test
    void everyEndpointRefusesBadInputWithAProblemNeverA500() {
        List<Endpoint> endpoints = endpoints();
        TestApi.Tenant tenant = api.createTenant();
        prepareResources(tenant);
        // the OpenAI-compatible surface answers only tenants' keys: fuzzed with one, it gets past authentication
        String tenantKey = api.apiKey(tenant.slug(), de.wattos.platform.Role.VIEWER);
        SoftAssertions soft = new SoftAssertions();
        int bodies = 0;
        int params = 0;
        for (Endpoint e : endpoints) {
            String path = fill(e.pattern(), tenant.slug());
            // logging out ends the session that asks: give it a session of its own, not the shared admin one
            String admin = e.pattern().equals("/api/v1/auth/logout") ? api.login("admin", TestApi.ADMIN_PASSWORD, null)
                    : e.pattern().startsWith("/v1/") ? tenantKey : this.admin;
            boolean hasBody = Set.of("POST", "PUT", "PATCH").contains(e.method());
            Type bodyType = e.bodyType();
            if (hasBody && bodyType != null) {
                bodies++;
                for (Variant v : Variant.values()) {
                    Generated g = new Generated(v);
                    Object body = g.sample(bodyType, 0);
                    String json = TestApi.JSON.writeValueAsString(body);
                    TestApi.Response r = api.raw(e.method(), path, admin, "application/json", json.getBytes(StandardCharsets.UTF_8));
                    checkProblem(soft, r, e.toString(path) + " " + v + " " + json);
                    if (g.emitted) {
                        soft.assertThat(r.status()).as("%s %s must be refused: %s -> %s", e.toString(path), v, json, r.body())
                                .isBetween(400, 499);
                    }
                }
            }
            if (hasBody) {
                for (String wildcard : List.of("*/*", "application/*", "*/*; charset=UTF-8")) {
                    TestApi.Response r = api.raw(e.method(), path, admin, wildcard, "{}".getBytes(StandardCharsets.UTF_8));
                    soft.assertThat(r.status()).as("%s with Content-Type %s: %s", e.toString(path), wildcard, r.body()).isEqualTo(415);
                    checkProblem(soft, r, e.toString(path) + " " + wildcard);
                }
            }
            List<MethodParameter> query = e.queryParameters();
            if (!query.isEmpty()) {
                params++;
                for (String variant : List.of("nul", "extreme")) {
                    StringBuilder qs = new StringBuilder();
                    boolean emitted = false;
                    for (MethodParameter p : query) {
                        String name = p.getParameterAnnotation(RequestParam.class).name();
                        name = name.isEmpty() ? p.getParameterAnnotation(RequestParam.class).value() : name;
                        name = name.isEmpty() ? p.getParameterName() : name;
                        String value = queryValue(name, p.getParameterType(), variant);
                        if (value == null) {
                            continue;
                        }
                        emitted |= variant.equals("nul") && value.contains("%00");
                        qs.append(qs.isEmpty() ? "?" : "&").append(name).append('=').append(value);
                    }
                    TestApi.Response r = api.raw(e.method(), path + qs, admin, hasBody ? "application/json" : null,
                            hasBody ? "{}".getBytes(StandardCharsets.UTF_8) : null);
                    checkProblem(soft, r, e.toString(path + qs));
                    if (emitted) {
                        soft.assertThat(r.status()).as("%s NUL in query: %s", e.toString(path + qs), r.body()).isEqualTo(400);
                    }
                }
            }
        }
        fuzzOpenAiCompletions(soft, tenant, tenantKey);
        soft.assertThat(bodies).as("endpoints with JSON bodies found").isGreaterThan(20);
        soft.assertThat(params).as("endpoints with query parameters found").isGreaterThan(5);
        soft.assertAll();
    }

    /**
     * {@code /v1/chat/completions} reads its body as a tree (OpenAI clients send many optional fields), so the typed
     * variants above do not reach it: these bodies spoil each part of an OpenAI request in turn, sent with the
     * tenant's key. Each gets an OpenAI error envelope or an answer, never a 500.
     */
    private void fuzzOpenAiCompletions(SoftAssertions soft, TestApi.Tenant tenant, String key) {
        String model = "\"wattos-" + tenant.slug() + "\"";
        List<String> bodies = List.of("null", "[]", "\"text\"", "42", "{}", "{\"model\":null}", "{\"model\":[1]}",
                "{\"model\":" + model + "}", "{\"model\":" + model + ",\"messages\":null}",
                "{\"model\":" + model + ",\"messages\":{}}", "{\"model\":" + model + ",\"messages\":[null]}",
                "{\"model\":" + model + ",\"messages\":[1,2]}", "{\"model\":" + model + ",\"messages\":[{}]}",
                "{\"model\":" + model + ",\"messages\":[{\"role\":null,\"content\":\"x\"}]}",
                "{\"model\":" + model + ",\"messages\":[{\"role\":7,\"content\":\"x\"}]}",
                "{\"model\":" + model + ",\"messages\":[{\"role\":\"user\",\"content\":null}]}",
                "{\"model\":" + model + ",\"messages\":[{\"role\":\"user\",\"content\":{\"a\":1}}]}",
                "{\"model\":" + model + ",\"messages\":[{\"role\":\"user\",\"content\":[null,1,{\"type\":\"text\"}]}]}",
                "{\"model\":" + model + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(9000) + "\"}]}",
                "{\"model\":" + model + ",\"messages\":[{\"role\":\"system\",\"content\":\"" + "y".repeat(5000)
                        + "\"},{\"role\":\"user\",\"content\":\"Hallo\"}]}",
                "{\"model\":" + model + ",\"stream\":\"ja\",\"messages\":[{\"role\":\"assistant\",\"content\":\"x\"}]}",
                "{\"model\":" + model + ",\"messages\":[{\"role\":\"user\",\"content\":\"a\\u0000b\"}]}",
                "{\"model\":" + model + ",\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"Hallo\"}]}");
        for (String body : bodies) {
            TestApi.Response r = api.raw("POST", "/v1/chat/completions", key, "application/json",
                    body.getBytes(StandardCharsets.UTF_8));
            checkProblem(soft, r, "POST /v1/chat/completions " + body);
        }
    }

    private static String queryValue(String name, Class<?> type, String variant) {
        boolean extreme = variant.equals("extreme");
        if (Temporal.class.isAssignableFrom(type) || name.equals("from") || name.equals("to") || name.equals("since")
                || name.equals("until")) {
            boolean end = name.equals("to") || name.equals("until");
            return extreme ? URLEncoder.encode(end ? "-999999999-01-02T00:00:00Z" : EXTREME_DATE, StandardCharsets.UTF_8)
                    : "2026-01-01T00%00:00:00Z";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            // a valid size, so that the page number itself is what the endpoint has to cope with
            return !extreme ? null : name.equals("size") || name.equals("limit") ? "20" : "2147483647";
        }
        if (type == String.class) {
            return extreme ? "x".repeat(300) : "a%00b";
        }
        if (type == UUID.class) {
            return extreme ? null : "%00";
        }
        return null;
    }

    private void checkProblem(SoftAssertions soft, TestApi.Response r, String what) {
        soft.assertThat(r.status()).as("%s -> %s", shorten(what), shorten(r.body())).isLessThan(500);
        if (r.status() >= 400 && what.contains(" /v1/") && !r.header("Content-Type").startsWith("application/problem+json")) {
            // the OpenAI-compatible surface answers its own errors in OpenAI's envelope, which its clients parse
            // (input the platform refuses before any endpoint, e.g. NUL, stays problem+json)
            soft.assertThat(r.header("Content-Type")).as("%s OpenAI error: %s", shorten(what), shorten(r.body()))
                    .startsWith("application/json");
            soft.assertThat(r.body()).as("%s OpenAI error envelope", shorten(what)).contains("\"error\"").contains("\"message\"");
        } else if (r.status() >= 400) {
            soft.assertThat(r.header("Content-Type")).as("%s problem+json: %s", shorten(what), shorten(r.body()))
                    .startsWith("application/problem+json");
        }
    }

    private static String shorten(String s) {
        return s == null || s.length() <= 400 ? s : s.substring(0, 400) + "…";
    }

    /** A JSON value for a declared Java type, spoiled the way the variant says; {@code emitted} if it was spoiled. */
    private static final class Generated {
        final Variant variant;
        boolean emitted;

        Generated(Variant variant) {
            this.variant = variant;
        }

        Object sample(Type type, int depth) {
            Class<?> raw = raw(type);
            if (raw == String.class || raw == CharSequence.class) {
                return switch (variant) {
                    case NUL -> spoil("Text\u0000mit NUL");
                    case WRONG_TYPE -> spoil(123);
                    default -> "Text";
                };
            }
            if (raw == boolean.class || raw == Boolean.class) {
                return variant == Variant.WRONG_TYPE ? spoil(123) : true;
            }
            if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class || raw == short.class) {
                return variant == Variant.WRONG_TYPE ? spoil("5") : 1;
            }
            if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
                    || Number.class.isAssignableFrom(raw)) {
                return variant == Variant.WRONG_TYPE ? spoil("1.5") : 1.5;
            }
            if (raw == UUID.class) {
                return variant == Variant.WRONG_TYPE ? spoil(7) : UUID.randomUUID().toString();
            }
            if (raw.isEnum()) {
                Object[] constants = raw.getEnumConstants();
                return variant == Variant.WRONG_TYPE ? spoil(0) : constants.length == 0 ? "x" : constants[0].toString();
            }
            if (Temporal.class.isAssignableFrom(raw)) {
                if (variant == Variant.WRONG_TYPE) {
                    return spoil(raw == LocalDate.class ? "-999999999-01-01" : raw == LocalDateTime.class
                            ? "-999999999-01-01T00:00:00" : EXTREME_DATE);
                }
                return raw == LocalDate.class ? "2030-01-01" : raw == LocalDateTime.class ? "2030-01-01T00:00:00" : "2030-01-01T00:00:00Z";
            }
            if (depth > 4) {
                return null;
            }
            if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
                Type element = raw.isArray() ? (type instanceof GenericArrayType g ? g.getGenericComponentType() : raw.getComponentType())
                        : argument(type, 0);
                List<Object> list = new ArrayList<>();
                if (variant == Variant.NULL_IN_CONTAINER) {
                    list.add(spoil(null));
                } else if (element != null && raw(element) != Object.class) {
                    list.add(sample(element, depth + 1));
                }
                return list;
            }
            if (Map.class.isAssignableFrom(raw)) {
                Map<String, Object> map = new LinkedHashMap<>();
                Type value = argument(type, 1);
                switch (variant) {
                    case NULL_IN_CONTAINER -> map.put("key", spoil(null));
                    case NUL -> map.put(String.valueOf(spoil("key\u0000")), value == null || raw(value) == Object.class
                            ? "value" : sample(value, depth + 1));
                    default -> map.put("key", value == null || raw(value) == Object.class ? "value" : sample(value, depth + 1));
                }
                return map;
            }
            if (raw.isRecord()) {
                Map<String, Object> object = new LinkedHashMap<>();
                for (RecordComponent c : raw.getRecordComponents()) {
                    object.put(c.getName(), sample(c.getGenericType(), depth + 1));
                }
                return object;
            }
            if (raw == Object.class || raw.getName().startsWith("tools.jackson")) {
                return variant == Variant.NUL ? spoil(Map.of("text", "a\u0000b")) : Map.of("text", "value");
            }
            return Map.of();
        }

        private Object spoil(Object value) {
            emitted = true;
            return value;
        }

        private static Class<?> raw(Type type) {
            if (type instanceof Class<?> c) {
                return c;
            }
            if (type instanceof ParameterizedType p) {
                return (Class<?>) p.getRawType();
            }
            if (type instanceof WildcardType w) {
                return raw(w.getUpperBounds()[0]);
            }
            if (type instanceof GenericArrayType g) {
                return Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
            }
            return Object.class;
        }

        private static Type argument(Type type, int index) {
            return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
                    ? p.getActualTypeArguments()[index] : null;
        }
    }

    @Test
    void firewallAndMalformedRequestsAnswerProblemJson() {
        SoftAssertions soft = new SoftAssertions();
        for (String path : List.of("/api/v1/me;x=1", "/api/v1/%2e%2e/api/v1/me", "/api/v1/me%25", "/api/v1/tenants/../me",
                "/api/v1/public/widgets/x/%2e%2e/config", "/console/%2e%2e/api/v1/me", "/api/v1/me%00")) {
            TestApi.Response r = api.send(api.builder("", admin).uri(java.net.URI.create(api.baseUrl() + path)).GET());
            soft.assertThat(r.status()).as("%s: %s", path, r.body()).isBetween(400, 499);
            soft.assertThat(r.header("Content-Type")).as("%s problem+json: %s", path, r.body()).startsWith("application/problem+json");
        }
        soft.assertAll();
    }

    @Test
    void aHostHeaderWithQuotesIsAProblemToo() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /api/v1/me HTTP/1.1\r\nHost: \"evil\"\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            org.assertj.core.api.Assertions.assertThat(response).startsWith("HTTP/1.1 400");
            org.assertj.core.api.Assertions.assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
        }
    }
}
