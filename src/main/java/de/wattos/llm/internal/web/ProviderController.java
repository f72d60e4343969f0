package de.wattos.llm.internal.web;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.llm.ModelException;
import de.wattos.llm.internal.provider.ProviderTypes;
import de.wattos.llm.internal.provider.StoredProvider;
import de.wattos.llm.internal.provider.TenantProviders;
import de.wattos.llm.internal.routing.CircuitBreakers;
import de.wattos.llm.internal.spi.ModelProviderFactory;
import de.wattos.llm.internal.spi.ProviderSettings;
import de.wattos.platform.ApiException;
import de.wattos.platform.Ids;
import de.wattos.platform.Page;
import de.wattos.platform.Role;
import de.wattos.platform.SecretBox;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRole;
import de.wattos.platform.UrlGuard;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

/**
 * A tenant's language-model providers. Reads for every member (never the key, not even part of it);
 * writes and the connection test for tenant admins. The key is write-only and sealed with the platform SecretBox;
 * base URLs pass the platform URL guard.
 */
@RestController
class ProviderController {

    static final String BASE = "/api/v1/tenants/{tenant}/llm/providers";

    /** {@code apiKey} on update: absent/null keeps the stored key, "" removes it. */
    record ProviderRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[\\p{L}\\p{N} ._()-]+", message = "letters, digits, space . _ ( ) - only") String name,
            @NotBlank @Size(max = 40) String type,
            @Size(max = 2000) String baseUrl,
            @Size(max = 1000) String apiKey,
            @Size(max = 40) String apiVersion,
            @Size(max = 200) String defaultModel,
            @Size(max = 100) List<@NotBlank @Size(max = 200) String> models,
            @Min(1) @Max(600) Integer timeoutSeconds,
            @Min(-1000) @Max(1000) Integer priority,
            Boolean enabled,
            Boolean piiProtection) {
    }

    record ProviderView(UUID id, String name, String type, String baseUrl, boolean hasApiKey, String apiKeyHint,
            String apiVersion, String defaultModel, List<String> models, int timeoutSeconds, int priority,
            boolean enabled, boolean piiProtection, String circuit, Instant createdAt, Instant updatedAt) {
    }

    record TestResult(boolean ok, long latencyMs, List<String> models, Boolean defaultModelAvailable, String errorCode,
            String error) {
    }

    private final TenantProviders providers;
    private final ProviderTypes types;
    private final SecretBox secrets;
    private final UrlGuard urlGuard;
    private final CircuitBreakers breakers;
    private final DomainEvents bus;

    ProviderController(TenantProviders providers, ProviderTypes types, SecretBox secrets, UrlGuard urlGuard,
            CircuitBreakers breakers, DomainEvents bus) {
        this.providers = providers;
        this.types = types;
        this.secrets = secrets;
        this.urlGuard = urlGuard;
        this.breakers = breakers;
        this.bus = bus;
    }

    record ProviderTypeView(String type, String defaultBaseUrl, boolean piiProtectionByDefault) {
    }

    /** The provider types this installation offers, for forms: defaults of base URL and PII protection. */
    @GetMapping("/api/v1/tenants/{tenant}/llm/provider-types")
    List<ProviderTypeView> types(@PathVariable String tenant) {
        return types.ids().stream().map(id -> types.find(id).orElseThrow())
                .map(f -> new ProviderTypeView(f.id(), f.defaultBaseUrl(), f.externalByDefault())).toList();
    }

    @GetMapping(BASE)
    Page<ProviderView> list(@PathVariable String tenant, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Page.check(page, size);
        List<StoredProvider> all = providers.all();
        List<ProviderView> items = all.stream().skip((long) page * size).limit(size).map(this::view).toList();
        return new Page<>(items, page, size, all.size());
    }

    @GetMapping(BASE + "/{id}")
    ProviderView get(@PathVariable String tenant, @PathVariable UUID id) {
        return view(find(id));
    }

    @PostMapping(BASE)
    @TenantRole(Role.TENANT_ADMIN)
    ResponseEntity<ProviderView> create(@PathVariable String tenant, @Valid @RequestBody ProviderRequest request) {
        ModelProviderFactory factory = factory(request.type());
        Instant now = Instant.now();
        String key = blankToNull(request.apiKey());
        StoredProvider p = stored(Ids.newId(), request, factory, key == null ? null : secrets.encrypt(key),
                SecretBox.hint(key), now, now);
        if (providers.nameTaken(p.name(), null)) {
            throw ApiException.conflict("provider_name_taken", "A provider named '" + p.name() + "' exists already");
        }
        providers.insert(p);
        auditWrite("llm_provider.created", p, key != null);
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + TenantContext.current().slug() + "/llm/providers/" + p.id()))
                .body(view(p));
    }

    @PutMapping(BASE + "/{id}")
    @TenantRole(Role.TENANT_ADMIN)
    ProviderView update(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody ProviderRequest request) {
        StoredProvider existing = find(id);
        ModelProviderFactory factory = factory(request.type());
        if (providers.nameTaken(request.name().strip(), id)) {
            throw ApiException.conflict("provider_name_taken", "A provider named '" + request.name().strip() + "' exists already");
        }
        String sealed = existing.apiKeySealed();
        String hint = existing.apiKeyHint();
        boolean keyChanged = request.apiKey() != null;
        if (keyChanged) {
            String key = blankToNull(request.apiKey());
            sealed = key == null ? null : secrets.encrypt(key);
            hint = SecretBox.hint(key);
        }
        StoredProvider p = stored(id, request, factory, sealed, hint, existing.createdAt(), Instant.now());
        providers.update(p);
        auditWrite("llm_provider.updated", p, keyChanged);
        return view(p);
    }

    @DeleteMapping(BASE + "/{id}")
    @TenantRole(Role.TENANT_ADMIN)
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable UUID id) {
        StoredProvider p = find(id);
        providers.delete(id);
        bus.publish(DomainEvent.of(EventDomain.PLATFORM, "llm_provider.deleted", DomainEvent.Subject.of("llm_provider", id),
                Map.of("name", p.name(), "type", p.type())));
        return ResponseEntity.noContent().build();
    }

    /** Checks reachability and credentials by listing the provider's models. Always 200; {@code ok} tells. */
    @PostMapping(BASE + "/{id}/test")
    @TenantRole(Role.TENANT_ADMIN)
    TestResult test(@PathVariable String tenant, @PathVariable UUID id) {
        StoredProvider p = find(id);
        ModelProviderFactory factory = factory(p.type());
        long start = System.nanoTime();
        try {
            URI base = guard(p.baseUrl());
            List<String> models = factory.create(new ProviderSettings(p.name(), p.type(), base,
                    p.apiKeySealed() == null ? null : secrets.decrypt(p.apiKeySealed()), p.apiVersion(), p.defaultModel(),
                    p.models(), Duration.ofSeconds(Math.min(p.timeoutSeconds(), 30)))).listModels();
            Boolean available = p.defaultModel() == null || models.isEmpty() ? null : models.contains(p.defaultModel());
            return new TestResult(true, millisSince(start), models, available, null, null);
        } catch (ModelException e) {
            return new TestResult(false, millisSince(start), List.of(), null, e.code(), e.getMessage());
        } catch (ApiException e) {
            return new TestResult(false, millisSince(start), List.of(), null, e.code(), e.getMessage());
        }
    }

    private StoredProvider find(UUID id) {
        return providers.find(id).orElseThrow(() -> ApiException.notFound("Provider"));
    }

    private ModelProviderFactory factory(String type) {
        return types.find(type).orElseThrow(() -> ApiException.invalidField("type", "must be one of " + types.ids()));
    }

    private StoredProvider stored(UUID id, ProviderRequest r, ModelProviderFactory factory, String sealed, String hint,
            Instant createdAt, Instant updatedAt) {
        String baseUrl = blankToNull(r.baseUrl());
        if (baseUrl == null) {
            baseUrl = factory.defaultBaseUrl();
            if (baseUrl == null) {
                throw ApiException.invalidField("baseUrl", "is required for type " + factory.id());
            }
        }
        baseUrl = guard(baseUrl).toString();
        List<String> models = new ArrayList<>(new LinkedHashSet<>(r.models() == null ? List.of()
                : r.models().stream().map(String::strip).toList()));
        String defaultModel = blankToNull(r.defaultModel());
        if (defaultModel == null && models.isEmpty()) {
            throw ApiException.invalidField("defaultModel", "is required (or list the models)");
        }
        if (defaultModel == null) {
            defaultModel = models.getFirst();
        }
        return new StoredProvider(id, r.name().strip(), factory.id(), baseUrl, sealed, hint, blankToNull(r.apiVersion()),
                defaultModel.strip(), models, r.timeoutSeconds() == null ? 60 : r.timeoutSeconds(),
                r.priority() == null ? 0 : r.priority(), r.enabled() == null || r.enabled(),
                r.piiProtection() == null ? factory.externalByDefault() : r.piiProtection(), createdAt, updatedAt);
    }

    private URI guard(String baseUrl) {
        return guard(urlGuard, baseUrl);
    }

    /** The URL guard's verdict as a field error; a private address names the switch that allows it. */
    static URI guard(UrlGuard urlGuard, String baseUrl) {
        try {
            URI uri = urlGuard.check(baseUrl);
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw ApiException.invalidField("baseUrl", "must not have a query or fragment");
            }
            return uri;
        } catch (UrlGuard.BlockedUrlException e) {
            String detail = e.getMessage();
            if ("private_address".equals(e.code())) {
                detail += ". An on-premise model server on a private network needs the platform setting "
                        + "wattos.network.allow-private-networks=true (env WATTOS_NETWORK_ALLOW_PRIVATE_NETWORKS=true)";
            }
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", detail,
                    List.of(new ApiException.FieldError("baseUrl", e.code(), detail)), Map.of());
        }
    }

    private void auditWrite(String action, StoredProvider p, boolean keyChanged) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", p.name());
        details.put("type", p.type());
        details.put("baseUrl", p.baseUrl());
        details.put("defaultModel", p.defaultModel());
        details.put("priority", p.priority());
        details.put("enabled", p.enabled());
        details.put("piiProtection", p.piiProtection());
        details.put("apiKeyChanged", keyChanged);
        bus.publish(DomainEvent.of(EventDomain.PLATFORM, action, DomainEvent.Subject.of("llm_provider", p.id()),
                details));
    }

    private ProviderView view(StoredProvider p) {
        return new ProviderView(p.id(), p.name(), p.type(), p.baseUrl(), p.apiKeySealed() != null, p.apiKeyHint(),
                p.apiVersion(), p.defaultModel(), p.models(), p.timeoutSeconds(), p.priority(), p.enabled(),
                p.piiProtection(), breakers.state("tenant:" + p.id()).name().toLowerCase(), p.createdAt(), p.updatedAt());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
