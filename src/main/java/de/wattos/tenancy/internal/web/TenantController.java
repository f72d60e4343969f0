package de.wattos.tenancy.internal.web;

import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Ids;
import de.wattos.platform.Page;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRole;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.tenancy.TenantInfo;
import de.wattos.tenancy.internal.JdbcTenants;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tenants: created, listed, changed and deleted by platform admins; members may read their own tenant. */
@RestController
class TenantController {

    static final String SLUG = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";

    record TenantRequest(
            @NotBlank @Size(min = 2, max = 63) @Pattern(regexp = SLUG, message = "2-63 characters a-z, 0-9 and '-', not starting or ending with '-'") String slug,
            @NotBlank @Size(max = 200) String name,
            @Pattern(regexp = "^[a-z]{2}(-[A-Z]{2})?$", message = "a language tag like de or de-DE") String locale,
            @Size(max = 64) String timeZone,
            Map<String, Object> settings) {
    }

    private final JdbcTenants tenants;
    private final DomainEvents bus;

    TenantController(JdbcTenants tenants, DomainEvents bus) {
        this.tenants = tenants;
        this.bus = bus;
    }

    @PostMapping("/api/v1/tenants")
    ResponseEntity<TenantInfo> create(@Valid @RequestBody TenantRequest request) {
        requirePlatformAdmin();
        Instant now = Instant.now();
        requireSlugNotAnId(request.slug());
        TenantInfo tenant = new TenantInfo(Ids.newId(), request.slug(), request.name().strip(),
                request.locale() == null ? "de" : request.locale(), zone(request.timeZone()),
                request.settings() == null ? Map.of() : request.settings(), now, now);
        try {
            tenants.insert(tenant);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("slug_taken", "A tenant with slug '" + request.slug() + "' already exists").withArgs(request.slug());
        }
        bus.publish(DomainEvent.of(tenant.id(), EventDomain.PLATFORM, "tenant.created", DomainEvent.Subject.of("tenant", tenant.id()),
                Map.of("slug", tenant.slug(), "name", tenant.name())));
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant.slug())).body(tenants.find(tenant.id()).orElseThrow());
    }

    @GetMapping("/api/v1/tenants")
    Page<TenantInfo> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Page.check(page, size);
        var actor = CurrentActor.get();
        if (!actor.isPlatformAdmin()) {
            // members see just their own tenant
            var own = actor.tenantId() == null ? java.util.List.<TenantInfo>of()
                    : tenants.find(actor.tenantId()).stream().toList();
            return new Page<>(page == 0 ? own : java.util.List.of(), page, size, own.size());
        }
        return new Page<>(tenants.page(page, size), page, size, tenants.count());
    }

    @GetMapping("/api/v1/tenants/{tenant}")
    TenantInfo get(@PathVariable String tenant) {
        return tenants.find(TenantContext.currentId()).orElseThrow(() -> ApiException.notFound("Tenant"));
    }

    @PutMapping("/api/v1/tenants/{tenant}")
    @TenantRole(Role.PLATFORM_ADMIN)
    TenantInfo update(@PathVariable String tenant, @Valid @RequestBody TenantRequest request) {
        TenantInfo current = tenants.find(TenantContext.currentId()).orElseThrow(() -> ApiException.notFound("Tenant"));
        requireSlugNotAnId(request.slug());
        TenantInfo changed = new TenantInfo(current.id(), request.slug(), request.name().strip(),
                request.locale() == null ? current.locale() : request.locale(),
                request.timeZone() == null ? current.timeZone() : zone(request.timeZone()),
                request.settings() == null ? current.settings() : request.settings(), current.createdAt(), Instant.now());
        try {
            tenants.update(changed);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("slug_taken", "A tenant with slug '" + request.slug() + "' already exists").withArgs(request.slug());
        }
        bus.publish(DomainEvent.of(current.id(), EventDomain.PLATFORM, "tenant.updated", DomainEvent.Subject.of("tenant", current.id()),
                Map.of("slug", changed.slug())));
        return tenants.find(current.id()).orElseThrow();
    }

    @DeleteMapping("/api/v1/tenants/{tenant}")
    @TenantRole(Role.PLATFORM_ADMIN)
    ResponseEntity<Void> delete(@PathVariable String tenant) {
        var id = TenantContext.currentId();
        if (!tenants.delete(id)) {
            throw ApiException.notFound("Tenant");
        }
        bus.publish(DomainEvent.of(id, EventDomain.PLATFORM, "tenant.deleted", DomainEvent.Subject.of("tenant", id),
                Map.of()));
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /**
     * The tenant path segment is a slug or an id, so a slug shaped like an id (another tenant's, or any) would make
     * addresses ambiguous; the database refuses such slugs too (V110).
     */
    private static void requireSlugNotAnId(String slug) {
        if (slug != null && Ids.parseOrNull(slug) != null) {
            throw ApiException.invalidField("slug", "field.slug.looks_like_id");
        }
    }

    private static String zone(String timeZone) {
        if (timeZone == null) {
            return "Europe/Berlin";
        }
        try {
            return ZoneId.of(timeZone).getId();
        } catch (DateTimeException e) {
            throw ApiException.invalidField("timeZone", "field.timeZone.unknown");
        }
    }

    static void requirePlatformAdmin() {
        if (!CurrentActor.get().isPlatformAdmin() || CurrentActor.find().isEmpty()) {
            throw ApiException.forbidden("problem.forbidden.platform_admin");
        }
    }
}
