package de.wattos.platform.internal.cluster;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Production mode's switch: shared state goes to Redis exactly when {@code wattos.redis.url}
 * ({@code WATTOS_REDIS_URL}) is set to something non-blank. Both conditions read the same property, so exactly one
 * of each pair of implementations is created.
 */
public final class RedisMode {

    static final String URL_PROPERTY = "wattos.redis.url";

    private RedisMode() {
    }

    static boolean configured(ConditionContext context) {
        String url = context.getEnvironment().getProperty(URL_PROPERTY);
        return url != null && !url.isBlank();
    }

    /** Redis is configured. */
    public static final class On implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return configured(context);
        }
    }

    /** Redis is not configured: the in-process forms. */
    public static final class Off implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !configured(context);
        }
    }
}
