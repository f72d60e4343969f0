package de.wattos.tenancy.internal.web;

import de.wattos.platform.ApiException;
import de.wattos.platform.Ids;
import de.wattos.platform.Page;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRole;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.tenancy.internal.Passwords;
import de.wattos.tenancy.internal.Sessions;
import de.wattos.tenancy.internal.UserAccount;
import de.wattos.tenancy.internal.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's users, managed by its TENANT_ADMINs (and platform admins). Passwords are write-only. */
@RestController
@TenantRole(Role.TENANT_ADMIN)
class UserController {

    private static final Set<Role> TENANT_ROLES = EnumSet.of(Role.TENANT_ADMIN, Role.REVIEWER, Role.EDITOR, Role.VIEWER);

    record UserRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9._@-]+$", message = "letters, digits and . _ @ - only") String username,
            @Email @Size(max = 254) String email,
            @Size(max = 200) String displayName,
            String password,
            @NotEmpty Set<Role> roles) {
    }

    record UserView(UUID id, String username, String email, String displayName, Set<Role> roles, Instant createdAt,
            Instant updatedAt) {
        static UserView of(UserAccount u) {
            return new UserView(u.id(), u.username(), u.email(), u.displayName(), u.roles(), u.createdAt(), u.updatedAt());
        }
    }

    private final Users users;
    private final Passwords passwords;
    private final Sessions sessions;
    private final DomainEvents bus;

    UserController(Users users, Passwords passwords, Sessions sessions, DomainEvents bus) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.bus = bus;
    }

    @GetMapping("/api/v1/tenants/{tenant}/users")
    Page<UserView> list(@PathVariable String tenant, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Page.check(page, size);
        return new Page<>(users.page(page, size).stream().map(UserView::of).toList(), page, size, users.count());
    }

    @GetMapping("/api/v1/tenants/{tenant}/users/{id}")
    UserView get(@PathVariable String tenant, @PathVariable UUID id) {
        return UserView.of(users.find(id).orElseThrow(() -> ApiException.notFound("User")));
    }

    @PostMapping("/api/v1/tenants/{tenant}/users")
    ResponseEntity<UserView> create(@PathVariable String tenant, @Valid @RequestBody UserRequest request) {
        checkRoles(request.roles());
        UserAccount user = new UserAccount(Ids.newId(), TenantContext.currentId(), request.username(), blankToNull(request.email()),
                request.displayName(), passwords.hash("password", request.password()), request.roles(), null, null);
        try {
            users.insert(user);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("user_exists", "A user with this username or e-mail already exists in this tenant");
        }
        bus.publish(DomainEvent.of(EventDomain.PLATFORM, "user.created", DomainEvent.Subject.of("user", user.id()),
                Map.of("username", user.username(), "roles", Users.roleArray(user.roles()))));
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + TenantContext.current().slug() + "/users/" + user.id()))
                .body(UserView.of(users.find(user.id()).orElseThrow()));
    }

    @PutMapping("/api/v1/tenants/{tenant}/users/{id}")
    UserView update(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody UserRequest request) {
        checkRoles(request.roles());
        UserAccount current = users.find(id).orElseThrow(() -> ApiException.notFound("User"));
        String hash = request.password() == null ? current.passwordHash() : passwords.hash("password", request.password());
        UserAccount changed = new UserAccount(id, current.tenantId(), request.username(), blankToNull(request.email()),
                request.displayName(), hash, request.roles(), current.createdAt(), Instant.now());
        try {
            users.update(changed);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("user_exists", "A user with this username or e-mail already exists in this tenant");
        }
        if (request.password() != null || !request.roles().equals(current.roles())) {
            sessions.revokeAllOf(id, "password or roles changed");
        }
        bus.publish(DomainEvent.of(EventDomain.PLATFORM, "user.updated", DomainEvent.Subject.of("user", id),
                Map.of("username", changed.username(), "roles", Users.roleArray(changed.roles()), "passwordChanged", request.password() != null)));
        return UserView.of(users.find(id).orElseThrow());
    }

    @DeleteMapping("/api/v1/tenants/{tenant}/users/{id}")
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable UUID id) {
        if (!users.delete(id)) {
            throw ApiException.notFound("User");
        }
        sessions.revokeAllOf(id, "user deleted");
        bus.publish(DomainEvent.of(EventDomain.PLATFORM, "user.deleted", DomainEvent.Subject.of("user", id), Map.of()));
        return ResponseEntity.noContent().build();
    }

    static void checkRoles(Set<Role> roles) {
        if (!TENANT_ROLES.containsAll(roles)) {
            throw ApiException.invalidField("roles", "field.roles.tenant_roles");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
