package de.wattos.tenancy.internal;

import com.nimbusds.jwt.SignedJWT;
import de.wattos.platform.Actor;
import de.wattos.platform.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns {@code Authorization: Bearer …} into an {@link Actor}: our access tokens (checked live against user,
 * tenant and session, so logout, deletion and revocation act at once), API keys ({@code wattos_…}), and tokens of
 * the configured OIDC issuer. A presented but invalid credential is answered 401 right here. Browsers' WebSocket
 * and EventSource cannot set headers, so {@code ?access_token=} is accepted on GET requests too.
 */
class BearerAuthenticationFilter extends OncePerRequestFilter {

    private final AccessTokens accessTokens;
    private final ApiKeys apiKeys;
    private final OidcTokens oidc;
    private final JdbcClient jdbc;
    private final ProblemWriter problems;

    BearerAuthenticationFilter(AccessTokens accessTokens, ApiKeys apiKeys, OidcTokens oidc, JdbcClient jdbc,
            ProblemWriter problems) {
        this.accessTokens = accessTokens;
        this.apiKeys = apiKeys;
        this.oidc = oidc;
        this.jdbc = jdbc;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = bearer(request);
        if (token == null || request.getRequestURI().startsWith("/api/v1/public/")) {
            chain.doFilter(request, response);
            return;
        }
        Result result = authenticate(token);
        if (result.actor() == null) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, result.code(), result.detail());
            return;
        }
        Actor actor = result.actor();
        List<SimpleGrantedAuthority> authorities = actor.roles().stream()
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList();
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(actor, null, authorities);
        authentication.setDetails(result.sessionId());
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        if ("GET".equals(request.getMethod())) {
            String param = request.getParameter("access_token");
            return param == null || param.isBlank() ? null : param.trim();
        }
        return null;
    }

    record Result(Actor actor, UUID sessionId, String code, String detail) {
        static Result invalid(String code, String detail) {
            return new Result(null, null, code, detail);
        }
    }

    Result authenticate(String token) {
        if (token.startsWith(ApiKeys.KEY_PREFIX)) {
            return apiKeys.authenticate(token).map(a -> new Result(a, null, null, null))
                    .orElse(Result.invalid("invalid_api_key", "API key is unknown, revoked or expired"));
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return Result.invalid("invalid_token", "problem.invalid_token.malformed");
        }
        if (AccessTokens.looksLikeOurs(jwt)) {
            Optional<AccessTokens.Claims> claims = accessTokens.verify(jwt);
            if (claims.isEmpty()) {
                return AccessTokens.expired(jwt)
                        ? Result.invalid("token_expired", "Access token has expired; refresh it")
                        : Result.invalid("invalid_token", "problem.invalid_token.invalid");
            }
            return liveActor(claims.get())
                    .map(a -> new Result(a, claims.get().sessionId(), null, null))
                    .orElse(Result.invalid("session_ended", "Session has ended (logged out, revoked or account removed)"));
        }
        if (oidc.enabled()) {
            return oidc.authenticate(token).map(a -> new Result(a, null, null, null))
                    .orElse(Result.invalid("invalid_token", "problem.invalid_token.oidc"));
        }
        return Result.invalid("invalid_token", "problem.invalid_token.unsupported");
    }

    private Optional<Actor> liveActor(AccessTokens.Claims claims) {
        return jdbc.sql("select u.id, u.tenant_id, u.username, u.roles from users u "
                        + "join auth_sessions s on s.user_id = u.id and s.id = :sid and s.revoked_at is null "
                        + "left join tenants t on t.id = u.tenant_id "
                        + "where u.id = :uid and u.deleted_at is null and (u.tenant_id is null or t.deleted_at is null)")
                .param("sid", claims.sessionId()).param("uid", claims.userId())
                .query((rs, n) -> new Actor(Actor.Kind.USER, rs.getObject(1, UUID.class).toString(), rs.getString(3),
                        rs.getObject(2, UUID.class), Users.roles(rs.getArray(4))))
                .optional();
    }
}
