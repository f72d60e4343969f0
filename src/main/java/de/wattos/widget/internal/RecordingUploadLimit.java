package de.wattos.widget.internal;

import de.wattos.platform.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Visitors' recordings are refused by their declared size before the multipart parser spools them: the servlet's
 * own cap is sized for editors' document uploads, far more than a spoken question may take on a public endpoint.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 21)
class RecordingUploadLimit extends OncePerRequestFilter {

    private final WidgetProperties properties;
    private final ProblemWriter problems;

    RecordingUploadLimit(WidgetProperties properties, ProblemWriter problems) {
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !("POST".equals(request.getMethod()) && uri.startsWith(WidgetCorsFilter.PREFIX) && uri.endsWith("/transcriptions"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length < 0) {
            problems.write(request, response, HttpStatus.LENGTH_REQUIRED, "length_required",
                    "A recording must be sent with its length (Content-Length)");
            return;
        }
        if (length > properties.maxRecordingBytes()) {
            problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "recording_too_large",
                    "A recording may have at most " + properties.maxRecordingBytes() / 1024 / 1024 + " MB");
            return;
        }
        chain.doFilter(request, response);
    }
}
