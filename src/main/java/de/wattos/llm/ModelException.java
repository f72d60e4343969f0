package de.wattos.llm;

/**
 * A model call that failed for good. {@code code} is stable for clients: {@code provider_unavailable},
 * {@code provider_error}, {@code rate_limited}, {@code timeout}, {@code budget_exceeded}, {@code malformed_response},
 * {@code cancelled}, {@code not_configured} (structured output asked of a tenant without any model).
 */
public class ModelException extends RuntimeException {

    private final String code;

    public ModelException(String code, String message) {
        super(message);
        this.code = code;
    }

    public ModelException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
