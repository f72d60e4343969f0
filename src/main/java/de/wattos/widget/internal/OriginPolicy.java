package de.wattos.widget.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Which page origins may use a widget: those in its {@code allowedOrigins}, plus this installation's own origin
 * (the iframe page {@code /w/{publicKey}} and the preview page are served from there; who may frame them is
 * governed by {@code frame-ancestors}).
 */
@Component
class OriginPolicy {

    private final PublicBaseUrl baseUrl;

    OriginPolicy(PublicBaseUrl baseUrl) {
        this.baseUrl = baseUrl;
    }

    boolean allows(Widget widget, String origin, HttpServletRequest request) {
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            return false;
        }
        String normalized = WidgetValidator.normalizeOrigin(origin);
        if (normalized == null) {
            return false;
        }
        return widget.settings().allowedOrigins().contains(normalized) || normalized.equals(baseUrl.origin(request))
                || normalized.equals(requestOrigin(request));
    }

    private static String requestOrigin(HttpServletRequest request) {
        int port = request.getServerPort();
        String scheme = request.getScheme();
        return WidgetValidator.normalizeOrigin(scheme + "://" + request.getServerName() + (port > 0 ? ":" + port : ""));
    }
}
