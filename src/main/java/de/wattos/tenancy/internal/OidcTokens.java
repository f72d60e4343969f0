package de.wattos.tenancy.internal;

import de.wattos.platform.Actor;
import de.wattos.platform.Role;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Accepts tokens of an external OIDC issuer (Keycloak) when {@code wattos.auth.oidc.issuer-uri} is set. The decoder
 * is built on first use (discovery + JWKS), so WattOS starts even while the issuer is down. Tenant (slug) and
 * roles come from configurable claims; a token without a known tenant or role gets nothing.
 */
@Component
class OidcTokens {

    private static final Logger log = LoggerFactory.getLogger(OidcTokens.class);

    private final AuthProperties.Oidc config;
    private final JdbcTenants tenants;
    private volatile JwtDecoder decoder;

    OidcTokens(AuthProperties properties, JdbcTenants tenants) {
        this.config = properties.oidc();
        this.tenants = tenants;
    }

    boolean enabled() {
        return config.enabled();
    }

    Optional<Actor> authenticate(String token) {
        if (!enabled()) {
            return Optional.empty();
        }
        Jwt jwt;
        try {
            jwt = decoder().decode(token);
        } catch (JwtException | IllegalArgumentException | IllegalStateException e) {
            log.debug("OIDC token rejected: {}", e.getMessage());
            return Optional.empty();
        }
        if (config.audience() != null && !config.audience().isBlank()
                && (jwt.getAudience() == null || !jwt.getAudience().contains(config.audience()))) {
            return Optional.empty();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Object rawRoles = claim(jwt.getClaims(), config.rolesClaim());
        if (rawRoles instanceof Collection<?> list) {
            for (Object r : list) {
                String name = String.valueOf(r).toUpperCase(Locale.ROOT).replace('-', '_');
                if (name.startsWith("ROLE_")) {
                    name = name.substring(5);
                }
                try {
                    roles.add(Role.valueOf(name));
                } catch (IllegalArgumentException ignored) {
                    // foreign roles of the issuer are not ours
                }
            }
        }
        String username = String.valueOf(Optional.ofNullable(claim(jwt.getClaims(), config.usernameClaim())).orElse(jwt.getSubject()));
        if (roles.contains(Role.PLATFORM_ADMIN)) {
            return Optional.of(new Actor(Actor.Kind.OIDC, jwt.getSubject(), username, null, roles));
        }
        Object tenantClaim = claim(jwt.getClaims(), config.tenantClaim());
        if (tenantClaim == null || roles.isEmpty()) {
            return Optional.empty();
        }
        return tenants.findBySegment(String.valueOf(tenantClaim))
                .map(t -> new Actor(Actor.Kind.OIDC, jwt.getSubject(), username, t.id(), roles));
    }

    private JwtDecoder decoder() {
        JwtDecoder d = decoder;
        if (d == null) {
            synchronized (this) {
                if (decoder == null) {
                    decoder = JwtDecoders.fromIssuerLocation(config.issuerUri());
                }
                d = decoder;
            }
        }
        return d;
    }

    /** A claim by dotted path, e.g. {@code realm_access.roles}. */
    static Object claim(Map<String, Object> claims, String path) {
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
