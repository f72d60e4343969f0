package de.wattos.tenancy.internal;

import de.wattos.platform.Actor;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.ProblemWriter;
import de.wattos.platform.TenantContext;
import de.wattos.tenancy.TenantInfo;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The central tenant gate for {@code /api/v1/tenants/{tenant}/…}: resolves the segment (slug or id), answers 404
 * when the tenant does not exist or the caller has no role in it (so foreign tenants are indistinguishable from
 * missing ones), and runs the rest of the request with the tenant bound in {@link TenantContext}.
 */
class TenantScopeFilter extends OncePerRequestFilter {

    private static final Pattern TENANT_PATH = Pattern.compile("^/api/v1/tenants/([^/]+)(/.*)?$");

    private final JdbcTenants tenants;
    private final ProblemWriter problems;

    TenantScopeFilter(JdbcTenants tenants, ProblemWriter problems) {
        this.tenants = tenants;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher m = TENANT_PATH.matcher(request.getRequestURI());
        if (!m.matches()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Actor> actor = CurrentActor.find();
        if (actor.isEmpty()) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required");
            return;
        }
        Optional<TenantInfo> tenant = tenants.findBySegment(m.group(1));
        if (tenant.isEmpty() || actor.get().roleIn(tenant.get().id()) == null) {
            problems.write(request, response, HttpStatus.NOT_FOUND, "not_found", "problem.not_found.named", Map.of(),
                    ApiException.resource("Tenant"));
            return;
        }
        try {
            TenantContext.callAs(tenant.get().ref(), () -> {
                chain.doFilter(request, response);
                return null;
            });
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
