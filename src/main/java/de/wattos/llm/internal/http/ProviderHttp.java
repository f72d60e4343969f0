package de.wattos.llm.internal.http;

import de.wattos.llm.ModelException;
import de.wattos.llm.internal.LlmProperties;
import de.wattos.llm.internal.spi.Cancellation;
import de.wattos.llm.internal.spi.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The HTTP side every adapter shares: one JDK {@link HttpClient} on virtual threads (no redirects: a provider that
 * redirects is misconfigured, and following would bypass the URL guard), deadlines, an idle watchdog for streams,
 * cancellation that really closes the connection, and the mapping of HTTP failures to stable codes.
 */
@Component
public class ProviderHttp implements DisposableBean {

    /** Reads a provider's error JSON into a human message (null if the body is not the provider's error shape). */
    public interface ErrorReader extends Function<String, String> {
    }

    /** Receives the lines of a streamed body; returns true once the provider signalled the end. */
    public interface LineHandler {
        boolean line(String line);
    }

    private static final int MAX_ERROR_BODY = 16 * 1024;
    /** A blocking answer larger than this is refused: no chat answer comes near it, a broken or hostile server might. */
    static final int MAX_BODY = 4 * 1024 * 1024;
    /** One stream line (one chunk of a few tokens) larger than this is refused. */
    static final int MAX_LINE = 1024 * 1024;
    /** A whole stream larger than this is refused. */
    static final long MAX_STREAM = 16L * 1024 * 1024;

    private final HttpClient client;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "llm-stream-watchdog");
        t.setDaemon(true);
        return t;
    });

    public ProviderHttp(LlmProperties properties) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /** Sends a request and returns the body of a 2xx answer; everything else becomes a {@link ProviderException}. */
    public String send(HttpRequest request, Duration timeout, ErrorReader errors) {
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request,
                HttpResponse.BodyHandlers.limiting(HttpResponse.BodyHandlers.ofString(), MAX_BODY));
        HttpResponse<String> response;
        try {
            response = await(future, timeout);
        } catch (ProviderException e) {
            if (e.getCause() instanceof IOException io && String.valueOf(io.getMessage()).contains("exceeds")) {
                throw new ProviderException("malformed_response", "The provider's answer exceeds " + MAX_BODY / 1024 / 1024
                        + " MB", 0, null, io);
            }
            throw e;
        }
        if (response.statusCode() / 100 != 2) {
            throw statusError(response.statusCode(), response.headers(), truncate(response.body()), errors);
        }
        return response.body();
    }

    /**
     * Streams a response line by line to {@code handler} on the calling thread. {@code timeout} bounds the wait for
     * the response headers and every gap between two lines; cancellation closes the connection.
     */
    public void stream(HttpRequest request, Duration timeout, Cancellation cancellation, ErrorReader errors,
            LineHandler handler) {
        CompletableFuture<HttpResponse<InputStream>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        Runnable unhook = cancellation.onCancel(() -> future.cancel(true));
        HttpResponse<InputStream> response;
        try {
            response = await(future, timeout);
        } catch (ModelException e) {
            throw cancellation.isCancelled() ? cancelled() : e;
        } finally {
            unhook.run();
        }
        InputStream body = response.body();
        if (response.statusCode() / 100 != 2) {
            String text;
            try (body) {
                text = new String(readLimited(body, timeout), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
            throw statusError(response.statusCode(), response.headers(), text, errors);
        }
        Idle idle = new Idle(body, timeout);
        Runnable unhookBody = cancellation.onCancel(idle::abort);
        try (LineReader reader = new LineReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                idle.touch();
                if (cancellation.isCancelled()) {
                    throw cancelled();
                }
                if (handler.line(line)) {
                    return;
                }
            }
            handler.line(null); // end of body: the handler decides whether that was a proper end
        } catch (IOException e) {
            if (cancellation.isCancelled()) {
                throw cancelled();
            }
            if (idle.timedOut) {
                throw new ProviderException("timeout", "The provider sent nothing for " + timeout.toSeconds() + " s", 0, null, e);
            }
            throw new ProviderException("provider_unavailable", "The provider's stream broke off: " + e.getMessage(), 0, null, e);
        } finally {
            idle.stop();
            unhookBody.run();
            Thread.interrupted(); // the watchdog may have interrupted this thread; later attempts must not inherit it
        }
    }

    private <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ProviderException("timeout", "The provider did not answer within " + human(timeout), 0, null, e);
        } catch (CancellationException e) {
            throw cancelled();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw cancelled();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new ProviderException("timeout", "The provider did not answer within " + human(timeout), 0, null, cause);
            }
            if (cause instanceof ConnectException || (cause != null && cause.getCause() instanceof ConnectException)) {
                throw new ProviderException("provider_unavailable", "Cannot connect to the provider", 0, null, cause);
            }
            if (cause instanceof CancellationException) {
                throw cancelled();
            }
            throw new ProviderException("provider_unavailable", "The provider connection failed: "
                    + (cause == null ? e.getMessage() : cause.getClass().getSimpleName() + " " + cause.getMessage()), 0, null, cause);
        }
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static ModelException cancelled() {
        return new ModelException("cancelled", "The model call was cancelled");
    }

    /** Maps an HTTP status (and the provider's error JSON) to a stable code. */
    public static ProviderException statusError(int status, HttpHeaders headers, String body, ErrorReader errors) {
        String message = null;
        try {
            message = body == null || body.isBlank() ? null : errors.apply(body);
        } catch (RuntimeException ignored) {
            // not the provider's error JSON (an HTML error page of a proxy, say)
        }
        String detail = "HTTP " + status + (message == null ? "" : ": " + message);
        String code = switch (status) {
            case 429 -> "rate_limited";
            case 408, 504 -> "timeout";
            case 502, 503, 529 -> "provider_unavailable";
            default -> "provider_error";
        };
        return new ProviderException(code, detail, status, retryAfter(headers), null);
    }

    /** {@code retry-after-ms} (OpenAI), else {@code Retry-After} in seconds or as an HTTP date. */
    static Duration retryAfter(HttpHeaders headers) {
        if (headers == null) {
            return null;
        }
        try {
            var ms = headers.firstValue("retry-after-ms");
            if (ms.isPresent()) {
                return Duration.ofMillis((long) Double.parseDouble(ms.get().trim()));
            }
            var value = headers.firstValue("retry-after");
            if (value.isEmpty()) {
                return null;
            }
            String v = value.get().trim();
            if (v.matches("\\d+(\\.\\d+)?")) {
                return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
            }
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String truncate(String body) {
        return body == null || body.length() <= MAX_ERROR_BODY ? body : body.substring(0, MAX_ERROR_BODY);
    }

    private byte[] readLimited(InputStream in, Duration timeout) throws IOException {
        Idle idle = new Idle(in, timeout);
        try {
            return in.readNBytes(MAX_ERROR_BODY);
        } finally {
            idle.stop();
            Thread.interrupted();
        }
    }

    /** Reads lines like {@code BufferedReader.readLine} but refuses endless lines and endless streams. */
    static final class LineReader implements AutoCloseable {
        private final java.io.Reader in;
        private final char[] buf = new char[8192];
        private int pos;
        private int len;
        private long total;

        LineReader(java.io.Reader in) {
            this.in = in;
        }

        String readLine() throws IOException {
            StringBuilder line = null;
            while (true) {
                if (pos >= len) {
                    len = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (len < 0) {
                        len = 0;
                        return line == null ? null : stripCr(line);
                    }
                    total += len;
                    if (total > MAX_STREAM) {
                        throw new ProviderException("malformed_response", "The provider's stream exceeds "
                                + MAX_STREAM / 1024 / 1024 + " MB");
                    }
                }
                if (line == null) {
                    line = new StringBuilder();
                }
                int start = pos;
                while (pos < len && buf[pos] != '\n') {
                    pos++;
                }
                line.append(buf, start, pos - start);
                if (line.length() > MAX_LINE) {
                    throw new ProviderException("malformed_response", "A line of the provider's stream exceeds "
                            + MAX_LINE / 1024 + " KB");
                }
                if (pos < len) {
                    pos++;
                    return stripCr(line);
                }
            }
        }

        private static String stripCr(StringBuilder line) {
            int n = line.length();
            return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Closes the body (and interrupts the reader) when nothing arrived for the timeout or on cancel. */
    private final class Idle {
        private final InputStream body;
        private final Thread reader = Thread.currentThread();
        private final long timeoutNanos;
        private final ScheduledFuture<?> check;
        private volatile long last = System.nanoTime();
        private volatile boolean timedOut;
        private volatile boolean stopped;

        Idle(InputStream body, Duration timeout) {
            this.body = body;
            this.timeoutNanos = timeout.toNanos();
            long period = Math.max(20, Math.min(500, timeout.toMillis() / 5));
            this.check = watchdog.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
        }

        void touch() {
            last = System.nanoTime();
        }

        private void check() {
            if (!stopped && System.nanoTime() - last > timeoutNanos) {
                timedOut = true;
                abort();
            }
        }

        void abort() {
            check.cancel(false);
            try {
                body.close();
            } catch (IOException | RuntimeException ignored) {
                // closing is all we want
            }
            synchronized (this) {
                if (!stopped) {
                    reader.interrupt();
                }
            }
        }

        void stop() {
            synchronized (this) {
                stopped = true;
            }
            check.cancel(false);
        }
    }

    @Override
    public void destroy() {
        watchdog.shutdownNow();
    }
}
