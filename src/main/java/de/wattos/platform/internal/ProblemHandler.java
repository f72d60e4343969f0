package de.wattos.platform.internal;

import de.wattos.platform.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Renders every error as RFC 9457 problem+json with a stable {@code code}. Bad input is always a 4xx with a
 * precise detail; only a genuine server fault is a 500, and then without internals.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final ProblemTexts texts;

    ProblemHandler(ProblemTexts texts) {
        this.texts = texts;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        ProblemDetail p = problem(e.status(), e.code(), e.messageKey(), e.getMessage(), e.args(), request);
        if (!e.fieldErrors().isEmpty()) {
            p.setProperty("errors", fieldErrors(e.fieldErrors(), request));
        }
        e.properties().forEach(p::setProperty);
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        Object retry = e.properties().get("retryAfterSeconds");
        if (retry != null) {
            builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(retry));
        }
        return builder.body(p);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        return validation(e.getBindingResult(), request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParams(HandlerMethodValidationException e, HttpServletRequest request) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err -> errors.add(
                new ApiException.FieldError(r.getMethodParameter().getParameterName(), "invalid", err.getDefaultMessage()))));
        return respond(HttpStatus.BAD_REQUEST, "validation_failed", "Request validation failed", request,
                Map.of("errors", errors));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraint(ConstraintViolationException e, HttpServletRequest request) {
        List<ApiException.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new ApiException.FieldError(v.getPropertyPath().toString(), "invalid", v.getMessage()))
                .toList();
        return respond(HttpStatus.BAD_REQUEST, "validation_failed", "Request validation failed", request,
                Map.of("errors", errors));
    }

    private ResponseEntity<ProblemDetail> validation(BindingResult result, HttpServletRequest request) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        result.getFieldErrors().forEach(f -> errors.add(new ApiException.FieldError(f.getField(),
                f.getCode() == null ? "invalid" : f.getCode().toLowerCase(), f.getDefaultMessage())));
        result.getGlobalErrors().forEach(g -> errors.add(new ApiException.FieldError(g.getObjectName(), "invalid",
                g.getDefaultMessage())));
        return respond(HttpStatus.BAD_REQUEST, "validation_failed", "Request validation failed", request,
                Map.of("errors", errors));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof PayloadTooLargeException tooLarge) {
            return tooLarge(tooLarge, request);
        }
        if (cause instanceof NulCharacterException) {
            return respond(HttpStatus.BAD_REQUEST, "nul_character", "NUL character in the request", request, Map.of());
        }
        if (cause instanceof InvalidNullException n) {
            return respond(HttpStatus.BAD_REQUEST, "validation_failed", "Request validation failed", request,
                    Map.of("errors", List.of(new ApiException.FieldError(path(n), "null", "field.not_null"))));
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            String field = u.getPropertyName();
            return respond(HttpStatus.BAD_REQUEST, "unknown_field", "Unknown field '" + field + "'", request,
                    Map.of("errors", List.of(new ApiException.FieldError(path(u), "unknown", "field.unknown"))), field);
        }
        if (cause instanceof InvalidFormatException f) {
            return respond(HttpStatus.BAD_REQUEST, "invalid_type",
                    "Field '" + path(f) + "' has the wrong type or format", request,
                    Map.of("errors", List.of(new ApiException.FieldError(path(f), "type", "field.expected_type",
                            List.of(f.getTargetType().getSimpleName())))), path(f));
        }
        if (cause instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            return respond(HttpStatus.BAD_REQUEST, "invalid_type",
                    "Field '" + path(m) + "' has the wrong type", request,
                    Map.of("errors", List.of(m.getTargetType() == null
                            ? new ApiException.FieldError(path(m), "type", "field.wrong_type")
                            : new ApiException.FieldError(path(m), "type", "field.expected_type",
                                    List.of(m.getTargetType().getSimpleName())))), path(m));
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            return respond(HttpStatus.BAD_REQUEST, "malformed_body", "problem.malformed_body.missing", request, Map.of());
        }
        return respond(HttpStatus.BAD_REQUEST, "malformed_body", "Malformed JSON request body", request, Map.of());
    }

    private static String path(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        e.getPath().forEach(ref -> {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        });
        return sb.toString();
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e, HttpServletRequest request) {
        return respond(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", e.getMessage(), request, Map.of());
    }

    @ExceptionHandler({MaxUploadSizeExceededException.class})
    ResponseEntity<ProblemDetail> uploadTooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return respond(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "Upload exceeds the size limit", request, Map.of());
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
        return respond(HttpStatus.BAD_REQUEST, "missing_part", "Multipart part '" + e.getRequestPartName() + "' is missing",
                request, Map.of(), e.getRequestPartName());
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException e, HttpServletRequest request) {
        if (e.getRootCause() instanceof PayloadTooLargeException || String.valueOf(e.getMessage()).contains("size")) {
            return respond(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "Upload exceeds the size limit", request, Map.of());
        }
        return respond(HttpStatus.BAD_REQUEST, "malformed_multipart", "Malformed multipart request", request, Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "Content type '" + e.getContentType() + "' is not supported; use " + e.getSupportedMediaTypes(), request, Map.of(),
                String.valueOf(e.getContentType()), String.valueOf(e.getSupportedMediaTypes()));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return respond(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "Requested media type is not available", request, Map.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return respond(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                "Method " + e.getMethod() + " is not allowed here", request, Map.of(), e.getMethod());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return respond(HttpStatus.BAD_REQUEST, "invalid_parameter", "Parameter '" + e.getName() + "' has an invalid value",
                request, Map.of("errors", List.of(new ApiException.FieldError(e.getName(), "type", "field.invalid_value"))),
                e.getName());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParam(MissingServletRequestParameterException e, HttpServletRequest request) {
        return respond(HttpStatus.BAD_REQUEST, "missing_parameter", "Parameter '" + e.getParameterName() + "' is required",
                request, Map.of(), e.getParameterName());
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return respond(HttpStatus.BAD_REQUEST, "missing_header", "Header '" + e.getHeaderName() + "' is required",
                request, Map.of(), e.getHeaderName());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return respond(HttpStatus.NOT_FOUND, "not_found", "No such resource", request, Map.of());
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone() {
        // the client disconnected while we were writing (e.g. a closed SSE stream): nothing to answer
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof org.springframework.web.ErrorResponse er) {
            HttpStatusCode status = er.getStatusCode();
            return respond(HttpStatus.valueOf(status.value()), "http_" + status.value(),
                    er.getBody().getDetail() == null ? HttpStatus.valueOf(status.value()).getReasonPhrase() : er.getBody().getDetail(),
                    request, Map.of());
        }
        if (e instanceof org.springframework.security.access.AccessDeniedException) {
            return respond(HttpStatus.FORBIDDEN, "forbidden", "You may not do this", request, Map.of());
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "An unexpected error occurred; quote the request id when reporting it", request, Map.of());
    }

    private ProblemDetail problem(HttpStatus status, String code, String messageKey, String detail, Object[] args,
            HttpServletRequest request) {
        Locale locale = texts.locale(request);
        String text = messageKey == null ? null : texts.text(messageKey, args, locale);
        if (text == null || text.equals(messageKey)) {
            text = texts.detail(code, detail, args, locale);
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, text);
        p.setType(URI.create("https://wattos.de/problems/" + code.replace('_', '-')));
        p.setTitle(texts.title(status, locale));
        p.setProperty("code", code);
        if (request != null) {
            p.setInstance(URI.create(request.getRequestURI()));
            Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
            if (requestId != null) {
                p.setProperty("requestId", requestId);
            }
        }
        return p;
    }

    private ResponseEntity<ProblemDetail> respond(HttpStatus status, String code, String detail,
            HttpServletRequest request, Map<String, Object> properties, Object... args) {
        ProblemDetail p = problem(status, code, null, detail, args, request);
        properties.forEach((name, value) -> p.setProperty(name, name.equals("errors") && value instanceof List<?> list
                ? fieldErrors(list, request) : value));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /** Field errors as {@code {field, code, message}} with the message in the caller's language. */
    private List<Map<String, Object>> fieldErrors(List<?> errors, HttpServletRequest request) {
        Locale locale = texts.locale(request);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : errors) {
            if (o instanceof ApiException.FieldError f) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("field", f.field());
                m.put("code", f.code());
                m.put("message", texts.text(f.message(), f.args().toArray(), locale));
                out.add(m);
            }
        }
        return out;
    }
}
