package de.wattos.llm.internal.routing;

import de.wattos.llm.internal.LlmProperties;
import de.wattos.llm.internal.LlmProperties.GlobalProvider;
import de.wattos.llm.internal.provider.ProviderTypes;
import de.wattos.llm.internal.provider.StoredProvider;
import de.wattos.llm.internal.provider.TenantProviders;
import de.wattos.llm.internal.spi.ModelProvider;
import de.wattos.llm.internal.spi.ModelProviderFactory;
import de.wattos.llm.internal.spi.ProviderSettings;
import de.wattos.platform.SecretBox;
import de.wattos.platform.UrlGuard;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which providers a call may use, in order. A tenant with enabled providers of its own uses only those (so its
 * data never flows to a provider it did not choose); a tenant without uses the platform's
 * {@code wattos.llm.providers}. Highest priority first; providers that serve the requested model move to the
 * front. Provider instances are cached until their row changes.
 */
@Component
public class ProviderCatalog {

    private static final Logger log = LoggerFactory.getLogger(ProviderCatalog.class);

    private final TenantProviders tenantProviders;
    private final ProviderTypes types;
    private final LlmProperties properties;
    private final SecretBox secrets;
    private final UrlGuard urlGuard;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Object version, ModelProvider provider) {
    }

    public ProviderCatalog(TenantProviders tenantProviders, ProviderTypes types, LlmProperties properties,
            SecretBox secrets, UrlGuard urlGuard) {
        this.tenantProviders = tenantProviders;
        this.types = types;
        this.properties = properties;
        this.secrets = secrets;
        this.urlGuard = urlGuard;
    }

    /** The candidates for the current tenant; empty = nothing configured (the extractive answerer answers). */
    public List<Candidate> candidates(String requestedModel) {
        List<Candidate> all = new ArrayList<>();
        for (StoredProvider p : tenantProviders.enabled()) {
            Candidate c = fromTenant(p, requestedModel);
            if (c != null) {
                all.add(c);
            }
        }
        if (all.isEmpty()) {
            properties.providers().stream().filter(GlobalProvider::enabled)
                    .sorted(Comparator.comparingInt((GlobalProvider g) -> g.priority()).reversed())
                    .map(g -> fromGlobal(g, requestedModel)).filter(Objects::nonNull).forEach(all::add);
        }
        if (requestedModel != null && !requestedModel.isBlank()) {
            // stable: providers that serve the requested model first, the rest keep their priority order
            all.sort(Comparator.comparingInt(c -> requestedModel.equals(c.model()) ? 0 : 1));
        }
        return all;
    }

    private Candidate fromTenant(StoredProvider p, String requestedModel) {
        ModelProviderFactory factory = types.find(p.type()).orElse(null);
        if (factory == null) {
            log.warn("Provider {} has unknown type {}; skipped", p.id(), p.type());
            return null;
        }
        String key = "tenant:" + p.id();
        ModelProvider provider;
        try {
            provider = cached(key, p.updatedAt(), () -> factory.create(new ProviderSettings(p.name(), p.type(),
                    p.baseUrl() == null ? null : urlGuard.check(p.baseUrl()),
                    p.apiKeySealed() == null ? null : secrets.decrypt(p.apiKeySealed()), p.apiVersion(),
                    p.defaultModel(), p.models(), Duration.ofSeconds(p.timeoutSeconds()))));
        } catch (UrlGuard.BlockedUrlException e) {
            log.warn("Provider {} skipped: {}", p.id(), e.getMessage());
            return null;
        }
        return new Candidate(key, p.id(), p.name(), p.type(), provider, model(p.defaultModel(), p.models(), requestedModel),
                p.piiProtection());
    }

    private Candidate fromGlobal(GlobalProvider g, String requestedModel) {
        ModelProviderFactory factory = types.find(g.type()).orElse(null);
        if (factory == null) {
            log.warn("Global provider {} has unknown type {}; skipped", g.name(), g.type());
            return null;
        }
        String key = "global:" + g.name();
        String baseUrl = g.baseUrl() == null || g.baseUrl().isBlank() ? factory.defaultBaseUrl() : g.baseUrl();
        if (baseUrl == null) {
            log.warn("Global provider {} has no base URL; skipped", g.name());
            return null;
        }
        ModelProvider provider = cached(key, g, () -> factory.create(new ProviderSettings(g.name(), g.type(),
                URI.create(baseUrl), g.apiKey(), g.apiVersion(), g.defaultModel(),
                g.models(), Duration.ofSeconds(g.timeoutSeconds()))));
        boolean pii = g.piiProtection() == null ? factory.externalByDefault() : g.piiProtection();
        return new Candidate(key, null, g.name(), g.type(), provider, model(g.defaultModel(), g.models(), requestedModel), pii);
    }

    private static String model(String defaultModel, List<String> models, String requested) {
        if (requested != null && (requested.equals(defaultModel) || models.contains(requested))) {
            return requested;
        }
        if (defaultModel != null && !defaultModel.isBlank()) {
            return defaultModel;
        }
        return models.isEmpty() ? null : models.getFirst();
    }

    private ModelProvider cached(String key, Object version, java.util.function.Supplier<ModelProvider> create) {
        Cached hit = cache.get(key);
        if (hit != null && hit.version().equals(version)) {
            return hit.provider();
        }
        ModelProvider fresh = create.get();
        cache.put(key, new Cached(version, fresh));
        return fresh;
    }
}
