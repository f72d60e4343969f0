package de.wattos.crawl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP exchange, no redirects followed (the caller checks every hop). JDK {@link HttpClient} (HTTP/2 with
 * fallback to 1.1) on virtual threads; connect timeout, a timeout for the response headers and another for the
 * body, and a size cap that stops the download as soon as it is exceeded.
 */
public final class Fetcher implements AutoCloseable {

    /** A response: {@code body} is null for redirects, 304 and errors. */
    public record Response(URI uri, int status, HttpHeaders headers, byte[] body) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The media type without parameters, lower case, or null. */
        public String mediaType() {
            String ct = header("Content-Type");
            if (ct == null) {
                return null;
            }
            int semi = ct.indexOf(';');
            return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        }

        public String charset() {
            String ct = header("Content-Type");
            if (ct == null) {
                return null;
            }
            for (String part : ct.split(";")) {
                String p = part.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    return p.substring(8).replace("\"", "").trim();
                }
            }
            return null;
        }
    }

    /** Conditional-GET validators of the copy we have. */
    public record Validators(String etag, String lastModified) {
        public static final Validators NONE = new Validators(null, null);
    }

    private final HttpClient client;
    private final ScheduledExecutorService watchdog;
    private final String userAgent;
    private final Duration readTimeout;
    private final long maxBytes;

    public Fetcher(String userAgent, Duration connectTimeout, Duration readTimeout, long maxBytes) {
        this.userAgent = userAgent;
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("crawl-watchdog").factory());
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * GETs the URI. {@code authorization} is sent as the Authorization header when not null (the caller decides
     * which hosts may see credentials).
     */
    public Response get(URI uri, Validators validators, String authorization) throws FetchFailure, InterruptedException {
        return get(uri, validators, authorization, readTimeout);
    }

    /** As {@link #get(URI, Validators, String)} with another timeout for headers and body. */
    public Response get(URI uri, Validators validators, String authorization, Duration readTimeout)
            throws FetchFailure, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(readTimeout)
                .header("User-Agent", userAgent)
                .header("Accept", "text/html,application/xhtml+xml,application/pdf,"
                        + "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                        + "application/vnd.oasis.opendocument.text,application/msword;q=0.9,*/*;q=0.5")
                .header("Accept-Language", "de,en;q=0.8");
        if (validators != null && validators.etag() != null) {
            request.header("If-None-Match", validators.etag());
        }
        if (validators != null && validators.lastModified() != null) {
            request.header("If-Modified-Since", validators.lastModified());
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new FetchFailure("timeout", "Connect timeout", null);
        } catch (HttpTimeoutException e) {
            throw new FetchFailure("timeout", "No response within " + readTimeout.toSeconds() + " s", null);
        } catch (ConnectException e) {
            throw new FetchFailure("connect_failed", "Connection failed: " + e.getMessage(), null);
        } catch (IOException e) {
            throw new FetchFailure("io_error", "I/O error: " + e.getMessage(), null);
        } catch (IllegalArgumentException e) {
            throw new FetchFailure("invalid_url", "Invalid URL: " + e.getMessage(), null);
        }
        int status = response.statusCode();
        if (status != 200 && status != 203) {
            discard(response.body());
            return new Response(uri, status, response.headers(), null);
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxBytes) {
            discard(response.body());
            throw new FetchFailure("too_large", "Response of " + declared + " bytes exceeds the limit of " + maxBytes
                    + " bytes", status);
        }
        return new Response(uri, status, response.headers(), readBody(response.body(), status, readTimeout));
    }

    private byte[] readBody(InputStream in, int status, Duration readTimeout) throws FetchFailure, InterruptedException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> kill = watchdog.schedule(() -> {
            timedOut.set(true);
            discard(in);
        }, readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try (in) {
            byte[] buffer = new byte[16 * 1024];
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n > maxBytes) {
                    throw new FetchFailure("too_large", "Response exceeds the limit of " + maxBytes + " bytes", status);
                }
                out.write(buffer, 0, n);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            if (timedOut.get()) {
                throw new FetchFailure("timeout", "Body not received within " + readTimeout.toSeconds() + " s", status);
            }
            return out.toByteArray();
        } catch (InterruptedIOException e) {
            throw new InterruptedException();
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new FetchFailure("timeout", "Body not received within " + readTimeout.toSeconds() + " s", status);
            }
            throw new FetchFailure("io_error", "I/O error while reading: " + e.getMessage(), status);
        } finally {
            kill.cancel(false);
        }
    }

    private static void discard(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing to do: the connection is dropped
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        client.close();
    }
}
