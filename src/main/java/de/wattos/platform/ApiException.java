package de.wattos.platform;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error a client caused or must know about, answered as RFC 9457 problem+json with a stable {@code code}.
 * Throw the factory methods' results from anywhere; the central handler renders them.
 *
 * <p>The {@code detail} is rendered in the caller's language from the message bundles: the key
 * {@code problem.<code>} (formatted with {@link #withArgs}), else the given detail (which may itself be a bundle
 * key), else the given detail as plain text. Field error messages may be bundle keys too.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<FieldError> fieldErrors;
    private final Map<String, Object> properties;
    private final String messageKey;
    private final Object[] args;

    /** One invalid field; {@code message} may be a bundle key, formatted with {@code args}. */
    public record FieldError(String field, String code, String message, List<Object> args) {
        public FieldError(String field, String code, String message) {
            this(field, code, message, List.of());
        }

        public FieldError {
            args = args == null ? List.of() : List.copyOf(args);
        }
    }

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of(), Map.of());
    }

    public ApiException(HttpStatus status, String code, String detail, List<FieldError> fieldErrors,
            Map<String, Object> properties) {
        this(status, code, detail, fieldErrors, properties, null, new Object[0]);
    }

    private ApiException(HttpStatus status, String code, String detail, List<FieldError> fieldErrors,
            Map<String, Object> properties, String messageKey, Object[] args) {
        super(detail);
        this.status = status;
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.properties = Map.copyOf(properties);
        this.messageKey = messageKey;
        this.args = args.clone();
    }

    /** The same error with arguments for its bundle text ({@code {0}}, {@code {1}} …). */
    public ApiException withArgs(Object... args) {
        return new ApiException(status, code, getMessage(), fieldErrors, properties, messageKey, args);
    }

    /** The same error rendered from the given bundle key instead of {@code problem.<code>}. */
    public ApiException withMessageKey(String key, Object... args) {
        return new ApiException(status, code, getMessage(), fieldErrors, properties, key, args);
    }

    /**
     * {@code what} names the resource in English ("User", "API key"); the bundles may translate it under
     * {@code resource.<what with spaces as underscores>}.
     */
    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", what + " not found")
                .withMessageKey("problem.not_found.named", resource(what));
    }

    /** A bundle-resolvable argument: the text under {@code resource.<name>}, else the name itself. */
    public static org.springframework.context.MessageSourceResolvable resource(String name) {
        return new org.springframework.context.support.DefaultMessageSourceResolvable(
                new String[] {"resource." + name.replace(' ', '_')}, name);
    }

    public static ApiException invalidField(String field, String message, Object... args) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "Request validation failed",
                List.of(new FieldError(field, "invalid", message, List.of(args))), Map.of());
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", detail);
    }

    public static ApiException unauthorized(String code, String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, code, detail);
    }

    public static ApiException tooManyRequests(String code, String detail, long retryAfterSeconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, code, detail, List.of(),
                Map.of("retryAfterSeconds", retryAfterSeconds));
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** The bundle key chosen with {@link #withMessageKey}, or null for the default {@code problem.<code>}. */
    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
