package de.wattos.crawl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A small website on loopback for crawler tests: pages are registered in code; static resources answer with an
 * ETag and honour {@code If-None-Match} (304) like a real web server; every request is logged.
 */
public final class FixtureSite implements AutoCloseable {

    /** A canned response. */
    public record Resource(int status, String contentType, byte[] body, Map<String, String> headers) {
        public Resource withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Resource(status, contentType, body, h);
        }
    }

    public record Request(String method, String pathAndQuery, String ifNoneMatch, String userAgent, String authorization) {
    }

    private final HttpServer server;
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    public FixtureSite() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::dispatch);
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String url(String path) {
        return base() + path;
    }

    public FixtureSite html(String path, String html) {
        return resource(path, new Resource(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of()));
    }

    /** A simple HTML page with a title, a paragraph and links. */
    public FixtureSite page(String path, String title, String text, String... links) {
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>")
                .append(title).append("</title></head><body><main><h1>").append(title).append("</h1><p>").append(text)
                .append("</p><ul>");
        for (String link : links) {
            html.append("<li><a href=\"").append(link).append("\">").append(link).append("</a></li>");
        }
        html.append("</ul></main></body></html>");
        return html(path, html.toString());
    }

    public FixtureSite text(String path, String contentType, String body) {
        return resource(path, new Resource(200, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of()));
    }

    public FixtureSite resource(String path, Resource resource) {
        String etag = "\"" + sha(resource.body()) + "\"";
        routes.put(path, exchange -> {
            String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
            if (resource.status() == 200 && etag.equals(inm)) {
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            if (resource.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", resource.contentType());
            }
            if (resource.status() == 200) {
                exchange.getResponseHeaders().add("ETag", etag);
            }
            resource.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            send(exchange, resource.status(), resource.body());
        });
        return this;
    }

    public FixtureSite status(String path, int status) {
        return resource(path, new Resource(status, "text/html", ("<h1>" + status + "</h1>").getBytes(StandardCharsets.UTF_8), Map.of()));
    }

    public FixtureSite redirect(String from, String to, int status) {
        routes.put(from, exchange -> {
            exchange.getResponseHeaders().add("Location", to);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        return this;
    }

    public FixtureSite handler(String path, HttpHandler handler) {
        routes.put(path, handler);
        return this;
    }

    public FixtureSite remove(String path) {
        routes.remove(path);
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public long hits(String pathAndQuery) {
        return requests().stream().filter(r -> r.pathAndQuery().equals(pathAndQuery)).count();
    }

    public void clearRequests() {
        requests.clear();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String raw = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(new Request(exchange.getRequestMethod(), raw, exchange.getRequestHeaders().getFirst("If-None-Match"),
                exchange.getRequestHeaders().getFirst("User-Agent"), exchange.getRequestHeaders().getFirst("Authorization")));
        HttpHandler handler = routes.get(raw);
        if (handler == null) {
            handler = routes.get(exchange.getRequestURI().getRawPath());
        }
        try {
            if (handler == null) {
                exchange.getResponseHeaders().add("Content-Type", "text/html");
                send(exchange, 404, "<h1>Not found</h1>".getBytes(StandardCharsets.UTF_8));
            } else {
                handler.handle(exchange);
            }
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }

    public static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private static String sha(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
