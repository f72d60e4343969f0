package de.wattos.voice.internal.spi;

import java.time.Duration;

/**
 * A provider failure with a stable code ({@code rate_limited}, {@code timeout}, {@code provider_unavailable},
 * {@code provider_error}, {@code unauthorized}, {@code malformed_response}, {@code unsupported_format},
 * {@code engine_missing}), the HTTP status (0 if none) and the server's Retry-After.
 */
public class VoiceProviderException extends RuntimeException {

    private final String code;
    private final int status;
    private final Duration retryAfter;

    public VoiceProviderException(String code, String message, int status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public VoiceProviderException(String code, String message) {
        this(code, message, 0, null, null);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
