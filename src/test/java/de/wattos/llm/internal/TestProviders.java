package de.wattos.llm.internal;

import de.wattos.llm.internal.provider.StoredProvider;
import de.wattos.llm.internal.provider.TenantProviders;
import de.wattos.platform.Ids;
import de.wattos.platform.SecretBox;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Stores providers for the current tenant the way the providers API does (key sealed), for service-level tests. */
@Component
public class TestProviders {

    private final TenantProviders providers;
    private final SecretBox secrets;

    public TestProviders(TenantProviders providers, SecretBox secrets) {
        this.providers = providers;
        this.secrets = secrets;
    }

    public UUID add(String name, String type, URI baseUrl, int priority, boolean pii, int timeoutSeconds) {
        return add(name, type, baseUrl, "sk-" + name + "-secret", priority, pii, timeoutSeconds);
    }

    public UUID add(String name, String type, URI baseUrl, String key, int priority, boolean pii, int timeoutSeconds) {
        Instant now = Instant.now();
        StoredProvider p = new StoredProvider(Ids.newId(), name, type, baseUrl.toString(), secrets.encrypt(key),
                SecretBox.hint(key), null, "model-" + name, List.of(), timeoutSeconds, priority, true, pii, now, now);
        providers.insert(p);
        return p.id();
    }
}
