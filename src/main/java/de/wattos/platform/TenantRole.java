package de.wattos.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a handler under {@code /api/v1/tenants/{tenant}/…} requires. Without it, safe methods
 * (GET, HEAD) need {@link Role#VIEWER} and every other method {@link Role#EDITOR}. Checked centrally
 * before the handler runs; a caller without the role gets 403 (it may see the tenant, just not do this).
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface TenantRole {
    Role value();
}
