package de.wattos.f13.internal.web;

import de.wattos.f13.internal.F13Client;
import de.wattos.f13.internal.F13Settings;
import de.wattos.f13.internal.F13Wire;
import de.wattos.platform.ApiException;
import de.wattos.platform.Role;
import de.wattos.platform.SecretBox;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRole;
import de.wattos.platform.UrlGuard;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's F13 connection ({@code GET/PUT /f13/settings}) and the seed's endpoints {@code POST /f13/rag-search}
 * (F13's retrieval answer with its sources) and {@code POST /f13/chat} (a conversation answered by F13). Without a
 * connection they answer 409 {@code f13_not_configured}; F13 failing answers 502 {@code f13_failed} with the reason.
 */
@RestController
class F13Controller {

    private static final String BASE = "/api/v1/tenants/{tenant}/f13";

    /** {@code clientSecret}: absent/null keeps the stored one. */
    record SettingsRequest(@NotBlank @Size(max = 2000) String baseUrl, @Size(max = 200) String clientId,
            @Size(max = 1000) String clientSecret, @Size(max = 100) String realm, Boolean guest,
            @Size(max = 200) String chatModel, Boolean ragEnabled, @Min(200) @Max(30000) Integer ragTimeoutMs,
            @Size(max = 50) List<@NotBlank @Size(max = 200) String> ragSources) {
    }

    record SettingsView(String baseUrl, String clientId, boolean hasClientSecret, String clientSecretHint, String realm,
            boolean guest, String chatModel, boolean ragEnabled, int ragTimeoutMs, Instant updatedAt, List<String> ragSources) {
    }

    record RagSearchRequest(@NotBlank @Size(max = 2000) String query, @Min(1) @Max(20) Integer maxResults) {
    }

    record RagSearchView(String answer, List<F13Wire.RagSource> sources) {
    }

    record ChatMessage(@NotNull @Pattern(regexp = "system|user|assistant") String role,
            @NotNull @Size(max = 20000) String content) {
    }

    record ChatRequest(@NotEmpty @Size(max = 500) List<@Valid @NotNull ChatMessage> messages, @Size(max = 200) String model) {
    }

    record ChatView(String answer, String model) {
    }

    private final F13Settings settings;
    private final F13Client client;
    private final SecretBox secrets;
    private final UrlGuard guard;
    private final DomainEvents bus;

    F13Controller(F13Settings settings, F13Client client, SecretBox secrets, UrlGuard guard, DomainEvents bus) {
        this.bus = bus;
        this.settings = settings;
        this.client = client;
        this.secrets = secrets;
        this.guard = guard;
    }

    @GetMapping(BASE + "/settings")
    SettingsView get(@PathVariable String tenant) {
        return view(connection());
    }

    @PutMapping(BASE + "/settings")
    @TenantRole(Role.TENANT_ADMIN)
    SettingsView put(@PathVariable String tenant, @Valid @RequestBody SettingsRequest r) {
        try {
            guard.check(r.baseUrl().strip());
        } catch (UrlGuard.BlockedUrlException e) {
            throw invalid("baseUrl: " + e.code());
        } catch (IllegalArgumentException e) {
            throw invalid("baseUrl");
        }
        var old = settings.find();
        boolean guest = Boolean.TRUE.equals(r.guest());
        String sealed = r.clientSecret() == null ? old.map(F13Settings.Connection::clientSecretSealed).orElse(null)
                : r.clientSecret().isBlank() ? null : secrets.encrypt(r.clientSecret());
        String clientId = blankToNull(r.clientId());
        if (!guest && (clientId == null || sealed == null)) {
            throw invalid("clientId und clientSecret (oder guest=true)");
        }
        var c = new F13Settings.Connection(r.baseUrl().strip(), clientId, sealed, blankToNull(r.realm()), guest,
                blankToNull(r.chatModel()), Boolean.TRUE.equals(r.ragEnabled()),
                r.ragTimeoutMs() == null ? 4000 : r.ragTimeoutMs(), Instant.now(),
                r.ragSources() == null ? old.map(F13Settings.Connection::ragSources).orElse(List.of())
                        : r.ragSources().stream().map(String::strip).distinct().toList());
        settings.save(c);
        // audited (the secret never: only whether it changed)
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("baseUrl", c.baseUrl());
        details.put("clientId", c.clientId());
        details.put("realm", c.realm());
        details.put("guest", c.guest());
        details.put("chatModel", c.chatModel());
        details.put("ragEnabled", c.ragEnabled());
        details.put("ragTimeoutMs", c.ragTimeoutMs());
        details.put("ragSources", c.ragSources());
        details.put("clientSecretChanged", r.clientSecret() != null);
        bus.publish(DomainEvent.of(EventDomain.PLATFORM, "f13_settings.updated",
                DomainEvent.Subject.of("f13_settings", TenantContext.currentId()), details));
        return view(c);
    }

    record RagSourcesView(List<String> sources, List<String> selected) {
    }

    /** The retrieval sources F13 offers ({@code GET /rag/sources}) and those this tenant searches (empty = all). */
    @GetMapping(BASE + "/rag-sources")
    @TenantRole(Role.VIEWER)
    RagSourcesView ragSources(@PathVariable String tenant) {
        var c = connection();
        try {
            return new RagSourcesView(client.ragSources(c, Duration.ofSeconds(10)), c.ragSources());
        } catch (F13Client.F13Failure e) {
            throw failed(e);
        }
    }

    @PostMapping(BASE + "/rag-search")
    @TenantRole(Role.VIEWER)
    RagSearchView ragSearch(@PathVariable String tenant, @Valid @RequestBody RagSearchRequest r) {
        var c = connection();
        try {
            var answer = client.ragSearch(c, r.query().strip(), r.maxResults() == null ? 5 : r.maxResults(),
                    Duration.ofMillis(Math.max(c.ragTimeoutMs(), 1000) * 3L));
            return new RagSearchView(answer.answer(), answer.sources());
        } catch (F13Client.F13Failure e) {
            throw failed(e);
        }
    }

    @PostMapping(BASE + "/chat")
    ChatView chat(@PathVariable String tenant, @Valid @RequestBody ChatRequest r) {
        var c = connection();
        String model = r.model() != null && !r.model().isBlank() ? r.model().strip() : c.chatModel();
        if (model == null) {
            throw invalid("chatModel");
        }
        List<String> system = new ArrayList<>();
        List<F13Wire.Message> turns = new ArrayList<>();
        for (ChatMessage m : r.messages()) {
            if (m.role().equals("system")) {
                system.add(m.content());
            } else {
                turns.add(new F13Wire.Message(m.role(), m.content()));
            }
        }
        try {
            return new ChatView(client.chat(c, model, system, turns, Duration.ofSeconds(60)), model);
        } catch (F13Client.F13Failure e) {
            throw failed(e);
        }
    }

    private F13Settings.Connection connection() {
        return settings.find().orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "f13_not_configured",
                "F13 is not set up for this tenant"));
    }

    private static ApiException invalid(String what) {
        return new ApiException(HttpStatus.BAD_REQUEST, "f13_settings_invalid", "F13 settings incomplete: " + what)
                .withArgs(what);
    }

    private static ApiException failed(F13Client.F13Failure e) {
        return new ApiException(HttpStatus.BAD_GATEWAY, "f13_failed", "F13 failed: " + e.getMessage())
                .withArgs(e.getMessage());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static SettingsView view(F13Settings.Connection c) {
        return new SettingsView(c.baseUrl(), c.clientId(), c.clientSecretSealed() != null,
                c.clientSecretSealed() == null ? null : SecretBox.HINT, c.realm(), c.guest(), c.chatModel(),
                c.ragEnabled(), c.ragTimeoutMs(), c.updatedAt(), c.ragSources());
    }
}
