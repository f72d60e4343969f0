package de.wattos.voice.internal.http;

import de.wattos.voice.internal.spi.VoiceProviderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The HTTP side of the voice adapters: one JDK client on virtual threads without redirects (a provider that
 * redirects is misconfigured, and following would bypass the URL guard), a deadline per call, a cap on the answer
 * size, and HTTP failures mapped to stable codes.
 */
@Component
public class VoiceHttp {

    /** Longer than any sentence of speech the API accepts, short of what a broken server could stream forever. */
    public static final int MAX_BODY = 32 * 1024 * 1024;
    private static final int MAX_ERROR_TEXT = 300;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    /** A 2xx answer: its body and content type. */
    public record Answer(byte[] body, String contentType, HttpHeaders headers) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends and returns a 2xx answer; anything else becomes a {@link VoiceProviderException}. {@code errorMessage}
     * reads the provider's error body into a human message (null if it is not the provider's error shape).
     */
    public Answer send(HttpRequest request, Duration timeout, Function<String, String> errorMessage) {
        var future = client.sendAsync(request,
                HttpResponse.BodyHandlers.limiting(HttpResponse.BodyHandlers.ofByteArray(), MAX_BODY));
        HttpResponse<byte[]> response;
        try {
            response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new VoiceProviderException("timeout", "The voice provider did not answer within " + seconds(timeout), 0,
                    null, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new VoiceProviderException("cancelled", "The voice call was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new VoiceProviderException("timeout", "The voice provider did not answer within " + seconds(timeout),
                        0, null, cause);
            }
            if (cause instanceof ConnectException || (cause != null && cause.getCause() instanceof ConnectException)) {
                throw new VoiceProviderException("provider_unavailable", "Cannot connect to the voice provider", 0, null, cause);
            }
            if (cause instanceof IOException io && String.valueOf(io.getMessage()).contains("exceeds")) {
                throw new VoiceProviderException("malformed_response", "The voice provider's answer exceeds "
                        + MAX_BODY / 1024 / 1024 + " MB", 0, null, io);
            }
            throw new VoiceProviderException("provider_unavailable", "The voice provider connection failed: "
                    + (cause == null ? e.getMessage() : cause.getClass().getSimpleName()), 0, null, cause);
        }
        String contentType = response.headers().firstValue("content-type").orElse("");
        if (response.statusCode() / 100 != 2) {
            throw statusError(response.statusCode(), response.headers(), new String(response.body(),
                    StandardCharsets.UTF_8), errorMessage);
        }
        return new Answer(response.body(), contentType, response.headers());
    }

    public static VoiceProviderException statusError(int status, HttpHeaders headers, String body,
            Function<String, String> errorMessage) {
        String message = null;
        try {
            message = body == null || body.isBlank() ? null : errorMessage.apply(body);
        } catch (RuntimeException ignored) {
            // not the provider's error shape (a proxy's HTML page, say)
        }
        if (message != null && message.length() > MAX_ERROR_TEXT) {
            message = message.substring(0, MAX_ERROR_TEXT) + "…";
        }
        String code = switch (status) {
            case 429 -> "rate_limited";
            case 401, 403 -> "unauthorized";
            case 408, 504 -> "timeout";
            case 502, 503, 529 -> "provider_unavailable";
            default -> "provider_error";
        };
        return new VoiceProviderException(code, "HTTP " + status + (message == null ? "" : ": " + message), status,
                retryAfter(headers), null);
    }

    static Duration retryAfter(HttpHeaders headers) {
        try {
            var ms = headers.firstValue("retry-after-ms");
            if (ms.isPresent()) {
                return Duration.ofMillis((long) Double.parseDouble(ms.get().trim()));
            }
            var value = headers.firstValue("retry-after");
            if (value.isPresent() && value.get().trim().matches("\\d+(\\.\\d+)?")) {
                return Duration.ofMillis((long) (Double.parseDouble(value.get().trim()) * 1000));
            }
        } catch (RuntimeException ignored) {
            // an unreadable header is as good as none
        }
        return null;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
