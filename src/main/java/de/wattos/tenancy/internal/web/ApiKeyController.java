package de.wattos.tenancy.internal.web;

import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Page;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRole;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.tenancy.internal.ApiKeys;
import de.wattos.tenancy.internal.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** API keys of a tenant: the secret is shown once at creation; afterwards only its prefix. */
@RestController
@TenantRole(Role.TENANT_ADMIN)
class ApiKeyController {

    record ApiKeyRequest(@NotBlank @Size(max = 100) String name, @NotEmpty Set<Role> roles, Instant expiresAt) {
    }

    record ApiKeyView(UUID id, String name, String prefix, Set<Role> roles, Instant expiresAt, Instant revokedAt,
            Instant lastUsedAt, Instant createdAt, String createdBy, String secret) {
        static ApiKeyView of(ApiKeys.ApiKey k, String secret) {
            return new ApiKeyView(k.id(), k.name(), k.prefix(), k.roles(), k.expiresAt(), k.revokedAt(), k.lastUsedAt(),
                    k.createdAt(), k.createdBy(), secret);
        }
    }

    private final ApiKeys apiKeys;
    private final DomainEvents bus;

    ApiKeyController(ApiKeys apiKeys, DomainEvents bus) {
        this.apiKeys = apiKeys;
        this.bus = bus;
    }

    @GetMapping("/api/v1/tenants/{tenant}/api-keys")
    Page<ApiKeyView> list(@PathVariable String tenant, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Page.check(page, size);
        return new Page<>(apiKeys.page(page, size).stream().map(k -> ApiKeyView.of(k, null)).toList(), page, size, apiKeys.count());
    }

    @GetMapping("/api/v1/tenants/{tenant}/api-keys/{id}")
    ApiKeyView get(@PathVariable String tenant, @PathVariable UUID id) {
        return ApiKeyView.of(apiKeys.find(id).orElseThrow(() -> ApiException.notFound("API key")), null);
    }

    @PostMapping("/api/v1/tenants/{tenant}/api-keys")
    ResponseEntity<ApiKeyView> create(@PathVariable String tenant, @Valid @RequestBody ApiKeyRequest request) {
        UserController.checkRoles(request.roles());
        if (request.expiresAt() != null && request.expiresAt().isBefore(Instant.now())) {
            throw ApiException.invalidField("expiresAt", "field.expiresAt.future");
        }
        ApiKeys.Created created = apiKeys.create(request.name().strip(), request.roles(), request.expiresAt(), CurrentActor.get().label());
        bus.publish(DomainEvent.of(EventDomain.PLATFORM, "api_key.created", DomainEvent.Subject.of("api_key", created.key().id()),
                Map.of("name", created.key().name(), "prefix", created.key().prefix(), "roles", Users.roleArray(created.key().roles()))));
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + TenantContext.current().slug() + "/api-keys/" + created.key().id()))
                .body(ApiKeyView.of(created.key(), created.secret()));
    }

    @DeleteMapping("/api/v1/tenants/{tenant}/api-keys/{id}")
    ResponseEntity<Void> revoke(@PathVariable String tenant, @PathVariable UUID id) {
        apiKeys.find(id).orElseThrow(() -> ApiException.notFound("API key"));
        apiKeys.revoke(id);
        bus.publish(DomainEvent.of(EventDomain.PLATFORM, "api_key.revoked", DomainEvent.Subject.of("api_key", id),
                Map.of()));
        return ResponseEntity.noContent().build();
    }
}
