package de.wattos.platform;

import de.wattos.platform.internal.ProblemTexts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem+json body directly to a servlet response, for code that runs outside Spring MVC's
 * exception handling (servlet filters, security entry points). Same shape as the MVC handler.
 */
@Component
public class ProblemWriter {

    private final JsonMapper json;
    private final ProblemTexts texts;

    public ProblemWriter(JsonMapper json, ProblemTexts texts) {
        this.json = json;
        this.texts = texts;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
            String detail) throws IOException {
        write(request, response, status, code, detail, Map.of());
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
            String detail, Map<String, Object> extra) throws IOException {
        write(request, response, status, code, detail, extra, new Object[0]);
    }

    /** {@code detail} may be a bundle key (formatted with {@code args}); see {@link ApiException} for the lookup. */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
            String detail, Map<String, Object> extra, Object... args) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Locale locale = texts.locale(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://wattos.de/problems/" + code.replace('_', '-'));
        body.put("title", texts.title(status, locale));
        body.put("status", status.value());
        body.put("detail", texts.detail(code, detail, args, locale));
        body.put("instance", request.getRequestURI());
        body.put("code", code);
        Object requestId = request.getAttribute("wattos.requestId");
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        body.putAll(extra);
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(body));
        response.flushBuffer();
    }
}
