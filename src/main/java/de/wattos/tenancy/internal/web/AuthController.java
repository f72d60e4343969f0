package de.wattos.tenancy.internal.web;

import de.wattos.audit.ClientAddress;
import de.wattos.platform.Actor;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Role;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.tenancy.internal.AccessTokens;
import de.wattos.tenancy.internal.JdbcTenants;
import de.wattos.tenancy.internal.LoginNamePseudonyms;
import de.wattos.tenancy.internal.LoginThrottle;
import de.wattos.tenancy.internal.Passwords;
import de.wattos.tenancy.internal.Sessions;
import de.wattos.tenancy.internal.UserAccount;
import de.wattos.tenancy.internal.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Login, token refresh (rotating), logout, the caller's own profile and password. */
@RestController
class AuthController {

    record LoginRequest(@NotBlank @Size(max = 254) String username, @NotBlank @Size(max = 256) String password,
            @Size(max = 63) String tenant) {
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record LogoutRequest(@Size(max = 200) String refreshToken) {
    }

    record TokenResponse(String accessToken, String refreshToken, long expiresIn, String tokenType) {
    }

    record PasswordChange(@NotBlank String currentPassword, @NotBlank String newPassword) {
    }

    record Me(Map<String, Object> user, Map<String, Object> tenant, Set<Role> roles, String authenticatedBy) {
    }

    private final Users users;
    private final JdbcTenants tenants;
    private final Sessions sessions;
    private final AccessTokens accessTokens;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final DomainEvents bus;
    private final LoginNamePseudonyms pseudonyms;

    AuthController(Users users, JdbcTenants tenants, Sessions sessions, AccessTokens accessTokens, Passwords passwords,
            LoginThrottle throttle, DomainEvents bus, LoginNamePseudonyms pseudonyms) {
        this.users = users;
        this.tenants = tenants;
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.passwords = passwords;
        this.throttle = throttle;
        this.bus = bus;
        this.pseudonyms = pseudonyms;
    }

    @PostMapping("/api/v1/auth/login")
    TokenResponse login(@Valid @RequestBody LoginRequest request) {
        String ip = ClientAddress.current();
        Optional<UserAccount> user = resolve(request);
        String key = user.map(u -> LoginThrottle.accountKey(u.id()))
                .orElseGet(() -> LoginThrottle.nameKey(request.tenant(), request.username()));
        LoginThrottle.Refusal refusal = throttle.check(key);
        if (refusal != null) {
            refusal = throttle.refusedAttempt(key, ip);
            auditLogin(user.map(UserAccount::tenantId).orElse(null), request, user.orElse(null), "DENIED", refusal.code());
            throw refused(refusal);
        }
        boolean ok = passwords.matches(request.password(), user.map(UserAccount::passwordHash).orElse(null));
        if (!ok || user.isEmpty()) {
            throttle.failed(key, ip);
            auditLogin(user.map(UserAccount::tenantId).orElse(null), request, user.orElse(null), "FAILURE",
                    "invalid_credentials");
            LoginThrottle.Refusal ipRefusal = throttle.ipRefusal(ip);
            if (ipRefusal != null) {
                throw refused(ipRefusal);
            }
            throw ApiException.unauthorized("invalid_credentials", "Wrong username or password");
        }
        throttle.succeeded(key);
        UserAccount u = user.get();
        Sessions.Issued issued = sessions.open(u.id());
        auditLogin(u.tenantId(), request, u, null, null);
        return new TokenResponse(accessTokens.issue(u.id(), issued.sessionId()), issued.refreshToken(),
                accessTokens.ttlSeconds(), "Bearer");
    }

    /** The account a login names: user name + tenant slug, a platform user's name, or a unique e-mail. */
    private Optional<UserAccount> resolve(LoginRequest request) {
        if (request.tenant() != null && !request.tenant().isBlank()) {
            return tenants.findBySlug(request.tenant().toLowerCase(Locale.ROOT))
                    .flatMap(t -> users.findTenantUser(t.id(), request.username()));
        }
        Optional<UserAccount> user = users.findPlatformUser(request.username());
        if (user.isEmpty() && request.username().contains("@")) {
            user = users.findUniqueByEmail(request.username());
        }
        return user;
    }

    private static ApiException refused(LoginThrottle.Refusal refusal) {
        return ApiException.tooManyRequests(refusal.code(), refusal.code().equals("account_locked")
                ? "Too many failed logins: temporarily locked" : "Too many attempts, please wait",
                refusal.retryAfterSeconds());
    }

    /** {@code outcome} null for a successful login, else {@code FAILURE} or {@code DENIED} (see docs/events.md). */
    private void auditLogin(UUID tenantId, LoginRequest request, UserAccount user, String outcome, String reason) {
        Actor actor = user != null
                ? new Actor(Actor.Kind.USER, user.id().toString(), user.username(), user.tenantId(), user.roles())
                // what was typed is kept only for a known account: an unknown name might be a mistyped password
                : new Actor(Actor.Kind.USER, "unknown", pseudonyms.of(request.username()), null, Set.of());
        Map<String, Object> details = new java.util.HashMap<>();
        if (reason != null) {
            details.put("reason", reason);
        }
        if (outcome != null) {
            details.put("outcome", outcome);
        }
        if (request.tenant() != null) {
            details.put("tenant", user != null ? truncate(request.tenant()) : pseudonyms.of(request.tenant()));
        }
        bus.publish(DomainEvent.of(tenantId, EventDomain.PLATFORM, "auth.login", DomainEvent.Subject.of("user", user == null ? null : user.id()),
                details).withActor(DomainEvent.Actor.of(actor)));
    }

    private static String truncate(String s) {
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    @PostMapping("/api/v1/auth/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return switch (sessions.refresh(request.refreshToken())) {
            case Sessions.RefreshOutcome.Rotated r -> {
                UserAccount u = users.findById(r.userId()).orElseThrow(() -> ApiException.unauthorized("invalid_refresh_token",
                        "Refresh token is invalid or expired"));
                yield new TokenResponse(accessTokens.issue(u.id(), r.issued().sessionId()), r.issued().refreshToken(),
                        accessTokens.ttlSeconds(), "Bearer");
            }
            case Sessions.RefreshOutcome.Reused reused -> {
                bus.publish(DomainEvent.of(null, EventDomain.PLATFORM, "auth.refresh_reuse",
                        DomainEvent.Subject.of("session", reused.sessionId()), Map.of("outcome", "DENIED"))
                        .withActor(DomainEvent.Actor.of(Actor.SYSTEM)));
                throw ApiException.unauthorized("refresh_token_reused",
                        "Refresh token was already used; the session has been revoked for safety");
            }
            case Sessions.RefreshOutcome.Invalid invalid ->
                    throw ApiException.unauthorized("invalid_refresh_token", "Refresh token is invalid or expired");
        };
    }

    @PostMapping("/api/v1/auth/logout")
    ResponseEntity<Void> logout(@Valid @RequestBody(required = false) LogoutRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Actor actor = CurrentActor.find().orElseThrow(() -> ApiException.unauthorized("unauthenticated", "Authentication required"));
        if (auth.getDetails() instanceof UUID sessionId) {
            sessions.revoke(sessionId, "logout");
        }
        if (request != null && request.refreshToken() != null) {
            sessions.sessionOfRefreshToken(request.refreshToken()).ifPresent(s -> sessions.revoke(s, "logout"));
        }
        bus.publish(DomainEvent.of(actor.tenantId(), EventDomain.PLATFORM, "auth.logout", DomainEvent.Subject.of("user", actor.id()),
                Map.of()).withActor(DomainEvent.Actor.of(actor)));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/me")
    Me me() {
        Actor actor = CurrentActor.find().orElseThrow(() -> ApiException.unauthorized("unauthenticated", "Authentication required"));
        Map<String, Object> user = new java.util.LinkedHashMap<>();
        user.put("id", actor.id());
        user.put("username", actor.name());
        user.put("kind", actor.kind().name().toLowerCase(Locale.ROOT));
        if (actor.kind() == Actor.Kind.USER) {
            users.findById(UUID.fromString(actor.id())).ifPresent(u -> {
                user.put("email", u.email());
                user.put("displayName", u.displayName());
            });
        }
        Map<String, Object> tenant = actor.tenantId() == null ? null : tenants.find(actor.tenantId())
                .map(t -> Map.<String, Object>of("id", t.id(), "slug", t.slug(), "name", t.name(), "locale", t.locale(),
                        "timeZone", t.timeZone()))
                .orElse(null);
        return new Me(user, tenant, actor.roles(), actor.kind().name().toLowerCase(Locale.ROOT));
    }

    @PutMapping("/api/v1/me/password")
    ResponseEntity<Void> changePassword(@Valid @RequestBody PasswordChange change) {
        Actor actor = CurrentActor.find().orElseThrow(() -> ApiException.unauthorized("unauthenticated", "Authentication required"));
        if (actor.kind() != Actor.Kind.USER) {
            throw ApiException.badRequest("not_a_local_user", "Only local users have a password here");
        }
        UserAccount u = users.findById(UUID.fromString(actor.id())).orElseThrow(() -> ApiException.notFound("User"));
        // the current password is a login secret: guessing it here counts against the same throttle as logins
        String key = LoginThrottle.accountKey(u.id());
        String ip = ClientAddress.current();
        LoginThrottle.Refusal refusal = throttle.check(key);
        if (refusal != null) {
            throttle.failed(key, ip);
            throw refused(refusal);
        }
        if (!passwords.matches(change.currentPassword(), u.passwordHash())) {
            throttle.failed(key, ip);
            bus.publish(DomainEvent.of(u.tenantId(), EventDomain.PLATFORM, "user.password_change", DomainEvent.Subject.of("user", u.id()),
                    Map.of("outcome", "FAILURE", "reason", "wrong_current_password")).withActor(DomainEvent.Actor.of(actor)));
            throw ApiException.invalidField("currentPassword", "field.currentPassword.wrong");
        }
        throttle.succeeded(key);
        users.updatePassword(u.id(), passwords.hash("newPassword", change.newPassword()));
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        // every other session of this user ends (a thief's included); the one changing the password stays
        sessions.revokeAllOfExcept(u.id(), auth.getDetails() instanceof UUID sessionId ? sessionId : null, "password changed");
        bus.publish(DomainEvent.of(u.tenantId(), EventDomain.PLATFORM, "user.password_changed", DomainEvent.Subject.of("user", u.id()),
                Map.of()).withActor(DomainEvent.Actor.of(actor)));
        return ResponseEntity.noContent().build();
    }
}
