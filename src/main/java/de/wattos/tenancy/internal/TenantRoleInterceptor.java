package de.wattos.tenancy.internal;

import de.wattos.platform.Actor;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRole;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The role rule for tenant-scoped handlers: {@link TenantRole} on the method or class, else VIEWER for safe
 * methods and EDITOR for the rest. Runs after {@link TenantScopeFilter} has bound the tenant.
 */
class TenantRoleInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || TenantContext.find().isEmpty()) {
            return true;
        }
        Role required = required(method, request.getMethod());
        Actor actor = CurrentActor.find().orElseThrow(() -> ApiException.unauthorized("unauthenticated", "Authentication required"));
        Role held = actor.roleIn(TenantContext.currentId());
        if (held == null || !held.includes(required)) {
            throw ApiException.forbidden("This needs the role " + required + " in this tenant")
                    .withMessageKey("problem.forbidden.role", required);
        }
        return true;
    }

    static Role required(HandlerMethod method, String httpMethod) {
        TenantRole annotation = method.getMethodAnnotation(TenantRole.class);
        if (annotation == null) {
            annotation = method.getBeanType().getAnnotation(TenantRole.class);
        }
        if (annotation != null) {
            return annotation.value();
        }
        return switch (httpMethod) {
            case "GET", "HEAD", "OPTIONS" -> Role.VIEWER;
            default -> Role.EDITOR;
        };
    }
}
