package de.wattos.f13.internal;

import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.spi.ModelProvider;
import de.wattos.llm.internal.spi.ModelProviderFactory;
import de.wattos.llm.internal.spi.ProviderSettings;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code f13}: F13 in the gateway. Base URL = F13's gateway (required). The provider's key is the Keycloak client as
 * {@code <clientId>:<clientSecret>} (sealed like every provider key; no key = guest mode, no token);
 * {@code apiVersion} names the Keycloak realm when it is not {@code wattos.f13.realm}. Prompts leave the tenant's
 * infrastructure for the state's platform, so PII protection is on by default.
 */
@Component
public class F13ModelProviderFactory implements ModelProviderFactory {

    private final ProviderHttp http;
    private final JsonMapper json;
    private final F13Properties properties;
    private final KeycloakTokens tokens;

    public F13ModelProviderFactory(ProviderHttp http, JsonMapper json, F13Properties properties) {
        this.http = http;
        this.json = json;
        this.properties = properties;
        this.tokens = new KeycloakTokens(HttpClient.newBuilder().connectTimeout(properties.tokenTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build(), json, Clock.systemUTC(), properties.tokenTimeout());
    }

    @Override
    public String id() {
        return "f13";
    }

    @Override
    public boolean externalByDefault() {
        return true;
    }

    @Override
    public ModelProvider create(ProviderSettings settings) {
        try {
            return new F13ModelProvider(settings, http, json, tokens, client(settings), null);
        } catch (IllegalArgumentException e) {
            return new F13ModelProvider(settings, http, json, tokens, null, e.getMessage());
        }
    }

    /** The Keycloak client of a provider, null in guest mode (no key). */
    KeycloakTokens.Client client(ProviderSettings settings) {
        String key = settings.apiKey();
        if (key == null || key.isBlank()) {
            return null;
        }
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            throw new IllegalArgumentException("The key of an f13 provider is <clientId>:<clientSecret>");
        }
        return new KeycloakTokens.Client(properties.tokenUrl(settings.baseUrl().toString(), settings.apiVersion()),
                key.substring(0, colon), key.substring(colon + 1), properties.audience());
    }
}
