package de.wattos.widget.internal;

import de.wattos.platform.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the public widget API, per widget: a page whose {@code Origin} is not allowed gets 403
 * {@code origin_not_allowed} (preflight included) and never an {@code Access-Control-Allow-Origin}; allowed
 * origins get exactly their own origin back. Runs before Spring Security so preflights need no credentials.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class WidgetCorsFilter extends OncePerRequestFilter {

    static final String PREFIX = "/api/v1/public/widgets/";
    static final String EXPOSED = "Retry-After, ETag, X-Request-Id, X-Wattos-Conversation-Id";

    private final Widgets widgets;
    private final OriginPolicy origins;
    private final ProblemWriter problems;

    WidgetCorsFilter(Widgets widgets, OriginPolicy origins, ProblemWriter problems) {
        this.widgets = widgets;
        this.origins = origins;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String rest = request.getRequestURI().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String key = slash < 0 ? rest : rest.substring(0, slash);
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        Optional<Widget> widget = Widget.PUBLIC_KEY.matcher(key).matches() ? widgets.findByPublicKey(key)
                : Optional.empty();
        if (widget.isEmpty()) {
            if (origin != null) {
                // nothing to protect: let the page read the 404
                allow(response, origin);
            }
            if (preflight) {
                problems.write(request, response, HttpStatus.NOT_FOUND, "not_found", "Widget not found");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (origin != null && !origins.allows(widget.get(), origin, request)) {
            problems.write(request, response, HttpStatus.FORBIDDEN, "origin_not_allowed",
                    "This widget may not be used from " + sanitize(origin));
            return;
        }
        if (origin != null) {
            allow(response, origin);
        }
        if (preflight) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, Accept, If-None-Match");
            response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return;
        }
        chain.doFilter(request, response);
    }

    private static void allow(HttpServletResponse response, String origin) {
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
    }

    private static String sanitize(String origin) {
        String s = origin.length() > 200 ? origin.substring(0, 200) : origin;
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
