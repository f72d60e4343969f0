package de.wattos.platform.internal;

import de.wattos.platform.NodeRoles;
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
 * A worker-only node ({@code WATTOS_ROLES=worker}) serves no public API, console or widget: everything but the
 * operator's endpoints under {@code /actuator} (health, metrics) is answered 503 with code
 * {@code node.worker-only}, so a load balancer that routes a request here by mistake takes the node out of rotation
 * for that path instead of getting a half-working answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class WorkerOnlyFilter extends OncePerRequestFilter {

    private final NodeRoles roles;
    private final ProblemWriter problems;

    WorkerOnlyFilter(NodeRoles roles, ProblemWriter problems) {
        this.roles = roles;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return roles.servesApi() || path.equals("/actuator") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "node.worker-only", "problem.node.worker-only");
    }
}
