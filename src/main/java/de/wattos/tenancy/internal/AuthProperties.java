package de.wattos.tenancy.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wattos.auth.*}. OIDC: set {@code wattos.auth.oidc.issuer-uri} (e.g. a Keycloak realm) to accept its tokens;
 * tenant (slug) and roles are read from the configured claims (dotted paths like {@code realm_access.roles}).
 */
@ConfigurationProperties("wattos.auth")
record AuthProperties(@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("14d") Duration refreshTokenTtl,
        String jwtSecret, @DefaultValue Oidc oidc, @DefaultValue Lockout lockout) {

    record Oidc(String issuerUri, @DefaultValue("tenant") String tenantClaim, @DefaultValue("roles") String rolesClaim,
            @DefaultValue("preferred_username") String usernameClaim, String audience) {

        boolean enabled() {
            return issuerUri != null && !issuerUri.isBlank();
        }
    }

    /**
     * After {@code slowDownAfter} failures for one account (or IP) within {@code window}, answers are delayed;
     * after {@code lockAfter} the account is locked for the rest of the window. Per IP the limit is
     * {@code ipLimit} failures per window.
     */
    record Lockout(@DefaultValue("3") int slowDownAfter, @DefaultValue("8") int lockAfter,
            @DefaultValue("15m") Duration window, @DefaultValue("50") int ipLimit) {
        Lockout {
            // zero or less would lock everyone out at once: such a value means the default
            slowDownAfter = slowDownAfter <= 0 ? 3 : slowDownAfter;
            lockAfter = lockAfter <= 0 ? 8 : lockAfter;
            ipLimit = ipLimit <= 0 ? 50 : ipLimit;
        }
    }
}
