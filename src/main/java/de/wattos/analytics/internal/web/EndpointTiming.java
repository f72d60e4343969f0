package de.wattos.analytics.internal.web;

import de.wattos.analytics.internal.EndpointLatencies;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Times every API request by its mapping ({@code GET /api/v1/tenants/{tenant}/analytics}, never the concrete path,
 * so ids do not multiply the endpoints). Streams (SSE, async) are left out: their duration is the stream's life, not
 * a latency. A tenant's figures count only requests the tenant was bound for, so probing unknown tenants records
 * nothing per tenant.
 */
@Configuration(proxyBeanMethods = false)
class EndpointTiming implements WebMvcConfigurer, HandlerInterceptor {

    private static final String STARTED = EndpointTiming.class.getName() + ".started";

    private final EndpointLatencies latencies;

    EndpointTiming(EndpointLatencies latencies) {
        this.latencies = latencies;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**", "/v1/**", "/mcp/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() == DispatcherType.REQUEST) {
            request.setAttribute(STARTED, System.nanoTime());
        } else {
            request.removeAttribute(STARTED); // the second dispatch of a stream
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (!(request.getAttribute(STARTED) instanceof Long started) || request.isAsyncStarted()) {
            return;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern == null) {
            return;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        UUID tenant = response.getStatus() == 404 ? null : TenantContext.find().map(TenantRef::id).orElse(null);
        latencies.record(request.getMethod() + " " + pattern, tenant, millis);
    }
}
