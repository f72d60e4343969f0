package de.wattos.tenancy.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wattos.auth.*}. OIDC: set {@code wattos.auth.oidc.issuer-uri} (e.g. a Keycloak realm) to accept its tokens;
 * tenant (slug) and roles are read from the configured claims (dotted paths like {@code realm_access.roles}).
 */
@ConfigurationProperties("wattos.auth")
record AuthProperties(Duration accessTokenTtl, Duration refreshTokenTtl, String jwtSecret, Oidc oidc, Lockout lockout) {

    AuthProperties {
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(14) : refreshTokenTtl;
        oidc = oidc == null ? new Oidc(null, null, null, null, null) : oidc;
        lockout = lockout == null ? new Lockout(0, 0, null, 0) : lockout;
    }

    record Oidc(String issuerUri, String tenantClaim, String rolesClaim, String usernameClaim, String audience) {
        Oidc {
            tenantClaim = tenantClaim == null ? "tenant" : tenantClaim;
            rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
            usernameClaim = usernameClaim == null ? "preferred_username" : usernameClaim;
        }

        boolean enabled() {
            return issuerUri != null && !issuerUri.isBlank();
        }
    }

    /**
     * After {@code slowDownAfter} failures for one account (or IP) within {@code window}, answers are delayed;
     * after {@code lockAfter} the account is locked for the rest of the window. Per IP the limit is
     * {@code ipLimit} failures per window.
     */
    record Lockout(int slowDownAfter, int lockAfter, Duration window, int ipLimit) {
        Lockout {
            slowDownAfter = slowDownAfter <= 0 ? 3 : slowDownAfter;
            lockAfter = lockAfter <= 0 ? 8 : lockAfter;
            window = window == null ? Duration.ofMinutes(15) : window;
            ipLimit = ipLimit <= 0 ? 50 : ipLimit;
        }
    }
}
