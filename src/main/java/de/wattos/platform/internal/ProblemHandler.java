package de.wattos.platform.internal;

import de.wattos.platform.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
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

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        ProblemDetail p = problem(e.status(), e.code(), e.getMessage(), request);
        if (!e.fieldErrors().isEmpty()) {
            p.setProperty("errors", e.fieldErrors());
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
        if (cause instanceof UnrecognizedPropertyException u) {
            String field = u.getPropertyName();
            return respond(HttpStatus.BAD_REQUEST, "unknown_field", "Unknown field '" + field + "'", request,
                    Map.of("errors", List.of(new ApiException.FieldError(path(u), "unknown", "unknown field"))));
        }
        if (cause instanceof InvalidFormatException f) {
            return respond(HttpStatus.BAD_REQUEST, "invalid_type",
                    "Field '" + path(f) + "' has the wrong type or format", request,
                    Map.of("errors", List.of(new ApiException.FieldError(path(f), "type",
                            "expected " + f.getTargetType().getSimpleName()))));
        }
        if (cause instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            return respond(HttpStatus.BAD_REQUEST, "invalid_type",
                    "Field '" + path(m) + "' has the wrong type", request,
                    Map.of("errors", List.of(new ApiException.FieldError(path(m), "type",
                            m.getTargetType() == null ? "wrong type" : "expected " + m.getTargetType().getSimpleName()))));
        }
        String detail = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "Request body is missing" : "Malformed JSON request body";
        return respond(HttpStatus.BAD_REQUEST, "malformed_body", detail, request, Map.of());
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
                request, Map.of());
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
                "Content type '" + e.getContentType() + "' is not supported; use " + e.getSupportedMediaTypes(), request, Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return respond(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "Requested media type is not available", request, Map.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return respond(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                "Method " + e.getMethod() + " is not allowed here", request, Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return respond(HttpStatus.BAD_REQUEST, "invalid_parameter", "Parameter '" + e.getName() + "' has an invalid value",
                request, Map.of("errors", List.of(new ApiException.FieldError(e.getName(), "type", "invalid value"))));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParam(MissingServletRequestParameterException e, HttpServletRequest request) {
        return respond(HttpStatus.BAD_REQUEST, "missing_parameter", "Parameter '" + e.getParameterName() + "' is required",
                request, Map.of());
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return respond(HttpStatus.BAD_REQUEST, "missing_header", "Header '" + e.getHeaderName() + "' is required",
                request, Map.of());
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

    static ProblemDetail problem(HttpStatus status, String code, String detail, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://wattos.de/problems/" + code.replace('_', '-')));
        p.setTitle(status.getReasonPhrase());
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

    private static ResponseEntity<ProblemDetail> respond(HttpStatus status, String code, String detail,
            HttpServletRequest request, Map<String, Object> properties) {
        ProblemDetail p = problem(status, code, detail, request);
        properties.forEach(p::setProperty);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
