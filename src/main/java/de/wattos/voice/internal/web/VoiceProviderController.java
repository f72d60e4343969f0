package de.wattos.voice.internal.web;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.ApiException;
import de.wattos.platform.Ids;
import de.wattos.platform.Role;
import de.wattos.platform.SecretBox;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRole;
import de.wattos.platform.UrlGuard;
import de.wattos.voice.internal.VoiceTypes;
import de.wattos.voice.internal.config.StoredVoiceProvider;
import de.wattos.voice.internal.config.VoiceProviders;
import de.wattos.voice.internal.config.VoicePurpose;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's speech and transcription providers. Reads for members, writes for tenant admins; keys sealed with the
 * SecretBox and never shown back, not even in part (a view says only that a key is set and since when: the last
 * characters of a key narrow a search for it and identify it in other leaks), base URLs through the URL guard.
 */
@RestController
class VoiceProviderController {

    static final String BASE = "/api/v1/tenants/{tenant}/voice/providers";

    /** {@code apiKey} on update: null keeps the stored key, "" removes it. */
    record ProviderRequest(
            @NotNull @Pattern(regexp = "speech|transcription", message = "speech or transcription") String purpose,
            @NotBlank @Size(max = 100) @Pattern(regexp = "[\\p{L}\\p{N} ._()-]+", message = "letters, digits, space . _ ( ) - only") String name,
            @NotBlank @Size(max = 40) String type,
            @Size(max = 2000) String baseUrl,
            @Size(max = 40) @Pattern(regexp = "[a-z0-9]*", message = "lower-case letters and digits") String region,
            @Size(max = 1000) String apiKey,
            @Size(max = 200) String model,
            @Size(max = 200) String voice,
            @Min(1) @Max(300) Integer timeoutSeconds,
            @Min(-1000) @Max(1000) Integer priority,
            Boolean enabled) {
    }

    record ProviderView(UUID id, String purpose, String name, String type, String baseUrl, String region,
            boolean hasApiKey, String apiKeyHint, Instant apiKeySetAt, String model, String voice, int timeoutSeconds, int priority,
            boolean enabled, Instant createdAt, Instant updatedAt) {
    }

    /** What a view shows for a stored key: a fixed mask that carries nothing of the key. */
    static final String KEY_MASK = "••••";

    record TypesView(List<String> speech, List<String> transcription) {
    }

    private final VoiceProviders providers;
    private final VoiceTypes types;
    private final SecretBox secrets;
    private final UrlGuard urlGuard;
    private final DomainEvents bus;

    VoiceProviderController(VoiceProviders providers, VoiceTypes types, SecretBox secrets, UrlGuard urlGuard,
            DomainEvents bus) {
        this.providers = providers;
        this.types = types;
        this.secrets = secrets;
        this.urlGuard = urlGuard;
        this.bus = bus;
    }

    @GetMapping("/api/v1/tenants/{tenant}/voice/provider-types")
    TypesView types(@PathVariable String tenant) {
        return new TypesView(types.speechIds(), types.transcriptionIds());
    }

    @GetMapping(BASE)
    List<ProviderView> list(@PathVariable String tenant) {
        return providers.all().stream().map(VoiceProviderController::view).toList();
    }

    @GetMapping(BASE + "/{id}")
    ProviderView get(@PathVariable String tenant, @PathVariable UUID id) {
        return view(find(id));
    }

    @PostMapping(BASE)
    @TenantRole(Role.TENANT_ADMIN)
    ResponseEntity<ProviderView> create(@PathVariable String tenant, @Valid @RequestBody ProviderRequest request) {
        String key = blankToNull(request.apiKey());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // as the database keeps it
        StoredVoiceProvider p = stored(Ids.newId(), request, key == null ? null : secrets.encrypt(key),
                key == null ? null : now, now, now);
        if (providers.nameTaken(p.purpose(), p.name(), null)) {
            throw ApiException.conflict("provider_name_taken", "A voice provider named '" + p.name() + "' exists already");
        }
        providers.insert(p);
        auditWrite("voice_provider.created", p, key != null);
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + TenantContext.current().slug()
                + "/voice/providers/" + p.id())).body(view(p));
    }

    @PutMapping(BASE + "/{id}")
    @TenantRole(Role.TENANT_ADMIN)
    ProviderView update(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody ProviderRequest request) {
        StoredVoiceProvider existing = find(id);
        if (!existing.purpose().wire().equals(request.purpose())) {
            throw ApiException.invalidField("purpose", "cannot change; create a new provider instead");
        }
        String sealed = existing.apiKeySealed();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // as the database keeps it
        Instant keySetAt = existing.apiKeySetAt();
        if (request.apiKey() != null) {
            String key = blankToNull(request.apiKey());
            sealed = key == null ? null : secrets.encrypt(key);
            keySetAt = key == null ? null : now;
        }
        StoredVoiceProvider p = stored(id, request, sealed, keySetAt, existing.createdAt(), now);
        if (providers.nameTaken(p.purpose(), p.name(), id)) {
            throw ApiException.conflict("provider_name_taken", "A voice provider named '" + p.name() + "' exists already");
        }
        providers.update(p);
        auditWrite("voice_provider.updated", p, request.apiKey() != null);
        return view(p);
    }

    @DeleteMapping(BASE + "/{id}")
    @TenantRole(Role.TENANT_ADMIN)
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable UUID id) {
        StoredVoiceProvider p = find(id);
        providers.delete(id);
        bus.publish(DomainEvent.of(EventDomain.PLATFORM, "voice_provider.deleted", DomainEvent.Subject.of("voice_provider", id),
                Map.of("name", p.name(), "type", p.type())));
        return ResponseEntity.noContent().build();
    }

    private StoredVoiceProvider find(UUID id) {
        return providers.find(id).orElseThrow(() -> ApiException.notFound("Voice provider"));
    }

    private StoredVoiceProvider stored(UUID id, ProviderRequest r, String sealed, Instant keySetAt, Instant created,
            Instant updated) {
        VoicePurpose purpose = VoicePurpose.of(r.purpose());
        String type = r.type().strip();
        String defaultBase;
        boolean keyOptional;
        if (purpose == VoicePurpose.SPEECH) {
            var f = types.speech(type).orElseThrow(() -> ApiException.invalidField("type", "must be one of " + types.speechIds()));
            defaultBase = f.defaultBaseUrl();
            keyOptional = f.keyOptional();
        } else {
            var f = types.transcription(type).orElseThrow(() -> ApiException.invalidField("type",
                    "must be one of " + types.transcriptionIds()));
            defaultBase = f.defaultBaseUrl();
            keyOptional = f.keyOptional();
        }
        String baseUrl = blankToNull(r.baseUrl());
        String region = blankToNull(r.region());
        if (baseUrl == null && !type.equals("espeak")) {
            baseUrl = defaultBase;
            if (baseUrl == null && region == null) {
                throw ApiException.invalidField("baseUrl", "is required for type " + type + " (or a region)");
            }
        }
        if (baseUrl != null) {
            try {
                baseUrl = urlGuard.check(baseUrl).toString();
            } catch (UrlGuard.BlockedUrlException e) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", e.getMessage(),
                        List.of(new ApiException.FieldError("baseUrl", e.code(), e.getMessage())), Map.of());
            }
        }
        if (!keyOptional && sealed == null) {
            throw ApiException.invalidField("apiKey", "is required for type " + type);
        }
        return new StoredVoiceProvider(id, purpose, r.name().strip(), type, baseUrl, region, sealed, keySetAt,
                blankToNull(r.model()), blankToNull(r.voice()), r.timeoutSeconds() == null ? 30 : r.timeoutSeconds(),
                r.priority() == null ? 0 : r.priority(), r.enabled() == null || r.enabled(), created, updated);
    }

    private void auditWrite(String action, StoredVoiceProvider p, boolean keyChanged) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("purpose", p.purpose().wire());
        details.put("name", p.name());
        details.put("type", p.type());
        details.put("baseUrl", p.baseUrl() == null ? "" : p.baseUrl());
        details.put("enabled", p.enabled());
        details.put("apiKeyChanged", keyChanged);
        bus.publish(DomainEvent.of(EventDomain.PLATFORM, action, DomainEvent.Subject.of("voice_provider", p.id()),
                details));
    }

    private static ProviderView view(StoredVoiceProvider p) {
        return new ProviderView(p.id(), p.purpose().wire(), p.name(), p.type(), p.baseUrl(), p.region(),
                p.apiKeySealed() != null, p.apiKeySealed() == null ? null : KEY_MASK, p.apiKeySetAt(), p.model(), p.voice(), p.timeoutSeconds(), p.priority(),
                p.enabled(), p.createdAt(), p.updatedAt());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
