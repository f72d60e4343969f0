package de.wattos.widget.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Where browsers reach this installation: {@code wattos.public-base-url}, else what the current request says. */
@Component
public class PublicBaseUrl {

    private final String configured;

    PublicBaseUrl(@Value("${wattos.public-base-url:}") String configured) {
        String c = configured == null ? "" : configured.trim();
        while (c.endsWith("/")) {
            c = c.substring(0, c.length() - 1);
        }
        this.configured = c;
    }

    public String get(HttpServletRequest request) {
        if (!configured.isEmpty()) {
            return configured;
        }
        return ServletUriComponentsBuilder.fromContextPath(request).replacePath(request.getContextPath())
                .replaceQuery(null).build().toUriString();
    }

    /** The origin (scheme://host[:port]) of {@link #get}. */
    String origin(HttpServletRequest request) {
        return WidgetValidator.normalizeOrigin(originPart(get(request)));
    }

    private static String originPart(String url) {
        int scheme = url.indexOf("://");
        int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        return slash < 0 ? url : url.substring(0, slash);
    }
}
