package de.wattos.agent.internal.tool.builtin;

import de.wattos.agent.internal.tool.ArgumentSchema;
import de.wattos.agent.internal.tool.spi.AgentTool;
import de.wattos.agent.internal.tool.spi.ToolContext;
import de.wattos.agent.internal.tool.spi.ToolException;
import de.wattos.agent.internal.tool.spi.ToolFactory;
import de.wattos.agent.internal.tool.spi.ToolOutput;
import de.wattos.agent.internal.tool.spi.ToolSettings;
import de.wattos.platform.UrlGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code http_request}: a tenant-defined call to an outside API. Configuration: {@code method}, {@code url} (a
 * template: {@code {{param}}} is replaced URL-encoded), {@code headers} (templates; {@code {{secret.NAME}}} inserts a
 * stored secret, only here, never in the URL), {@code body} (a template; values JSON-escaped), {@code responseMapping}
 * (output field → JSON pointer), {@code timeoutMs}, {@code maxBytes}, {@code allowedHosts} and {@code parameters}
 * (JSON schema). Every hop, redirects included, must be on the tool's host allowlist and pass the platform's SSRF
 * guard; redirects are followed by hand for exactly that reason.
 */
@Component
public class HttpRequestToolFactory implements ToolFactory {

    public static final String ID = "http_request";
    static final int MAX_REDIRECTS = 3;
    static final int DEFAULT_TIMEOUT_MS = 5_000;
    static final int MAX_TIMEOUT_MS = 30_000;
    static final int DEFAULT_MAX_BYTES = 64 * 1024;
    static final int MAX_BYTES = 1024 * 1024;
    static final int RAW_TEXT_LIMIT = 4_000;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final UrlGuard guard;
    private final JsonMapper json;

    @Autowired
    public HttpRequestToolFactory(UrlGuard guard, JsonMapper json) {
        this.guard = guard;
        this.json = json;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Ruft eine freigegebene externe Schnittstelle auf (URL-Vorlage, Kopfzeilen mit hinterlegten Geheimnissen, Antwortzuordnung).";
    }

    @Override
    public boolean configurable() {
        return true;
    }

    @Override
    public Map<String, String> validate(ToolSettings settings) {
        Map<String, String> problems = new LinkedHashMap<>();
        Config config;
        try {
            config = Config.of(settings.config());
        } catch (IllegalArgumentException e) {
            problems.put("config", e.getMessage());
            return problems;
        }
        if (!METHODS.contains(config.method())) {
            problems.put("config.method", "one of GET, POST, PUT, PATCH, DELETE");
        }
        if (config.allowedHosts().isEmpty()) {
            problems.put("config.allowedHosts", "name at least one host the tool may call");
        }
        try {
            URI sample = URI.create(Templates.fill(config.url(), Map.of(), Map.of(), Templates.Escaping.SAMPLE));
            String scheme = sample.getScheme() == null ? "" : sample.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problems.put("config.url", "an http or https URL");
            } else if (sample.getHost() == null || !hostAllowed(sample.getHost(), config.allowedHosts())) {
                problems.put("config.url", "the URL's host must be fixed and on allowedHosts");
            }
        } catch (IllegalArgumentException e) {
            problems.put("config.url", "not a valid URL template");
        }
        if (config.url().contains("{{secret.")) {
            problems.put("config.url", "secrets belong in headers, never in the URL");
        }
        for (String name : config.headers().keySet()) {
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}")) {
                problems.put("config.headers", "not a valid header name: " + name);
            }
        }
        for (String secret : Templates.secretNames(String.join("\n", config.headers().values()))) {
            if (!settings.secrets().containsKey(secret)) {
                problems.put("secrets." + secret, "the headers use this secret; store it with the tool");
            }
        }
        if (config.body() != null && config.body().contains("{{secret.")) {
            problems.put("config.body", "secrets belong in headers");
        }
        List<String> schema = ArgumentSchema.schemaProblems(config.parameters());
        if (!schema.isEmpty()) {
            problems.put("config.parameters", String.join("; ", schema));
        }
        for (var e : config.responseMapping().entrySet()) {
            if (!e.getValue().startsWith("/") && !e.getValue().isEmpty()) {
                problems.put("config.responseMapping." + e.getKey(), "a JSON pointer such as /data/status");
            }
        }
        return problems;
    }

    @Override
    public AgentTool create(ToolSettings settings) {
        Config config = Config.of(settings.config());
        return new HttpRequestTool(settings, config);
    }

    static boolean hostAllowed(String host, List<String> allowed) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            String pattern = a.toLowerCase(Locale.ROOT).trim();
            if (pattern.startsWith("*.") ? h.endsWith(pattern.substring(1)) : h.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** The parsed configuration; {@code of} throws IllegalArgumentException with a reason on a wrong shape. */
    record Config(String method, String url, Map<String, String> headers, String body, Map<String, String> responseMapping,
            int timeoutMs, int maxBytes, List<String> allowedHosts, Map<String, Object> parameters) {

        @SuppressWarnings("unchecked")
        static Config of(Map<String, Object> raw) {
            if (!(raw.get("url") instanceof String url) || url.isBlank()) {
                throw new IllegalArgumentException("config.url is required");
            }
            String method = raw.get("method") instanceof String m ? m.toUpperCase(Locale.ROOT) : "GET";
            Map<String, String> headers = stringMap(raw.get("headers"), "headers");
            Map<String, String> mapping = stringMap(raw.get("responseMapping"), "responseMapping");
            Object body = raw.get("body");
            if (body != null && !(body instanceof String)) {
                throw new IllegalArgumentException("config.body must be a text template");
            }
            int timeout = intIn(raw.get("timeoutMs"), DEFAULT_TIMEOUT_MS, 100, MAX_TIMEOUT_MS, "timeoutMs");
            int maxBytes = intIn(raw.get("maxBytes"), DEFAULT_MAX_BYTES, 256, MAX_BYTES, "maxBytes");
            List<String> hosts = raw.get("allowedHosts") instanceof List<?> l
                    ? l.stream().map(String::valueOf).filter(s -> !s.isBlank()).toList() : List.of();
            Map<String, Object> parameters = raw.get("parameters") instanceof Map<?, ?> p ? (Map<String, Object>) p
                    : Map.of("type", "object", "properties", Map.of());
            return new Config(method, url.trim(), headers, (String) body, mapping, timeout, maxBytes, hosts, parameters);
        }

        private static Map<String, String> stringMap(Object value, String name) {
            if (value == null) {
                return Map.of();
            }
            if (!(value instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("config." + name + " must be an object of texts");
            }
            Map<String, String> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!(v instanceof String s)) {
                    throw new IllegalArgumentException("config." + name + "." + k + " must be a text");
                }
                out.put(String.valueOf(k), s);
            });
            return out;
        }

        private static int intIn(Object value, int fallback, int min, int max, String name) {
            if (value == null) {
                return fallback;
            }
            if (!(value instanceof Number n) || n.intValue() < min || n.intValue() > max) {
                throw new IllegalArgumentException("config." + name + " must be a number between " + min + " and " + max);
            }
            return n.intValue();
        }
    }

    private final class HttpRequestTool implements AgentTool {
        private final ToolSettings settings;
        private final Config config;

        HttpRequestTool(ToolSettings settings, Config config) {
            this.settings = settings;
            this.config = config;
        }

        @Override
        public String name() {
            return settings.name();
        }

        @Override
        public String type() {
            return ID;
        }

        @Override
        public String description() {
            return settings.description();
        }

        @Override
        public Map<String, Object> parameters() {
            return config.parameters();
        }

        @Override
        public ToolOutput invoke(Map<String, Object> arguments, ToolContext context) {
            URI uri = URI.create(Templates.fill(config.url(), arguments, Map.of(), Templates.Escaping.URL));
            InetAddress address = allowed(uri);
            String body = config.body() == null ? null : Templates.fill(config.body(), arguments, Map.of(), Templates.Escaping.JSON);
            String method = config.method();
            Duration timeout = Duration.ofMillis(config.timeoutMs());
            for (int hop = 0; ; hop++) {
                Map<String, String> headers = new LinkedHashMap<>();
                config.headers().forEach((name, template) ->
                        headers.put(name, Templates.fill(template, arguments, settings.secrets(), Templates.Escaping.HEADER)));
                if (body != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("content-type"))) {
                    headers.put("Content-Type", "application/json");
                }
                PinnedHttp.Reply response = PinnedHttp.exchange(uri, address, method, headers,
                        body == null ? null : body.getBytes(StandardCharsets.UTF_8), timeout, config.maxBytes());
                int status = response.status();
                if (status >= 300 && status < 400 && response.header("Location") != null) {
                    if (hop >= MAX_REDIRECTS) {
                        throw new ToolException("too_many_redirects", "The service redirected more than " + MAX_REDIRECTS + " times");
                    }
                    try {
                        uri = uri.resolve(response.header("Location"));
                    } catch (IllegalArgumentException e) {
                        throw new ToolException("invalid_response", "The service redirected to an invalid address");
                    }
                    address = allowed(uri);
                    if (status == 303 || ((status == 301 || status == 302) && !method.equals("GET"))) {
                        method = "GET";
                        body = null;
                    }
                    continue;
                }
                if (status >= 400) {
                    throw new ToolException("http_status", "The service answered HTTP " + status);
                }
                String contentType = response.header("Content-Type");
                return ToolOutput.of(shape(status, response.body(), contentType == null ? "" : contentType));
            }
        }

        /** The checked address to connect to: on the tool's allowlist and through the SSRF guard, resolved once. */
        private InetAddress allowed(URI uri) {
            if (uri.getHost() == null || !hostAllowed(uri.getHost(), config.allowedHosts())) {
                throw new ToolException("host_not_allowed", "The host " + (uri.getHost() == null ? "(none)" : uri.getHost())
                        + " is not on this tool's allowlist");
            }
            try {
                return guard.resolveChecked(uri);
            } catch (UrlGuard.BlockedUrlException e) {
                throw new ToolException("blocked_url", "Refused by the SSRF guard (" + e.code() + ")");
            }
        }

        private String shape(int status, byte[] bytes, String contentType) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", status);
            if (config.responseMapping().isEmpty()) {
                out.put("body", text.length() > RAW_TEXT_LIMIT ? text.substring(0, RAW_TEXT_LIMIT) + " …" : text);
                return json.writeValueAsString(out);
            }
            JsonNode root;
            try {
                root = json.readTree(text);
            } catch (JacksonException e) {
                throw new ToolException("invalid_response", "The service did not answer with JSON (" + contentType + ")");
            }
            if (root == null || root.isMissingNode()) {
                throw new ToolException("invalid_response", "The service answered with an empty body");
            }
            Map<String, Object> data = new LinkedHashMap<>();
            config.responseMapping().forEach((field, pointer) -> {
                JsonNode node = root.at(pointer);
                data.put(field, node.isMissingNode() ? null : json.convertValue(node, Object.class));
            });
            out.put("data", data);
            return json.writeValueAsString(out);
        }
    }
}
