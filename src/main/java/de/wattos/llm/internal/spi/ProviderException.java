package de.wattos.llm.internal.spi;

import de.wattos.llm.ModelException;
import java.time.Duration;

/** A provider failure with what routing needs: the HTTP status (0 if none) and the server's Retry-After. */
public class ProviderException extends ModelException {

    private final int status;
    private final Duration retryAfter;

    public ProviderException(String code, String message, int status, Duration retryAfter, Throwable cause) {
        super(code, message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public ProviderException(String code, String message) {
        this(code, message, 0, null, null);
    }

    public int status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
