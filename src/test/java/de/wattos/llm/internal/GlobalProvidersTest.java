package de.wattos.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelResponse;
import de.wattos.llm.internal.contract.OllamaStub;
import de.wattos.support.OpenAiStub;
import de.wattos.llm.internal.extractive.ExtractiveAnswerer;
import de.wattos.llm.internal.pii.PiiShield;
import de.wattos.llm.internal.provider.ProviderTypes;
import de.wattos.llm.internal.provider.TenantProviders;
import de.wattos.llm.internal.routing.CircuitBreakers;
import de.wattos.llm.internal.routing.ProviderCatalog;
import de.wattos.llm.internal.usage.Budgets;
import de.wattos.llm.internal.usage.Prices;
import de.wattos.llm.internal.usage.Usage;
import de.wattos.platform.Ids;
import de.wattos.platform.SecretBox;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.platform.UrlGuard;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Platform providers from {@code wattos.llm.providers} (bound the way Spring binds env variables): used by tenants
 * without providers of their own, never by tenants that chose their own. The gateway is assembled from the
 * context's real parts with these properties (the shared test context has no platform providers).
 */
@IntegrationTest
class GlobalProvidersTest {

    @Autowired
    TenantProviders tenantProviders;
    @Autowired
    ProviderTypes types;
    @Autowired
    SecretBox secrets;
    @Autowired
    UrlGuard urlGuard;
    @Autowired
    ExtractiveAnswerer extractive;
    @Autowired
    PiiShield pii;
    @Autowired
    Usage usage;
    @Autowired
    Budgets budgets;
    @Autowired
    TestProviders providers;

    private static LlmProperties bind(Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        return Binder.get(environment).bind("wattos.llm", LlmProperties.class).get();
    }

    @Test
    void environmentVariablesConfigurePlatformProvidersAndPrices() {
        LlmProperties p = bind(Map.of("WATTOS_LLM_PROVIDERS_0_NAME", "azure-eu", "WATTOS_LLM_PROVIDERS_0_TYPE", "azure-openai",
                "WATTOS_LLM_PROVIDERS_0_BASE_URL", "https://x.openai.azure.com", "WATTOS_LLM_PROVIDERS_0_API_KEY", "k",
                "WATTOS_LLM_PROVIDERS_0_DEFAULT_MODEL", "gpt-4o-mini", "WATTOS_LLM_PROVIDERS_0_PRIORITY", "5",
                "WATTOS_LLM_RETRY_MAX_ATTEMPTS", "2", "WATTOS_LLM_BREAKER_COOL_DOWN", "10s"));
        assertThat(p.providers()).singleElement().satisfies(g -> {
            assertThat(g.type()).isEqualTo("azure-openai");
            assertThat(g.defaultModel()).isEqualTo("gpt-4o-mini");
            assertThat(g.priority()).isEqualTo(5);
            assertThat(g.timeoutSeconds()).isEqualTo(60);
            assertThat(g.enabled()).isTrue();
        });
        assertThat(p.retry().maxAttempts()).isEqualTo(2);
        assertThat(p.breaker().coolDown()).hasSeconds(10);
        StandardEnvironment yaml = new StandardEnvironment();
        yaml.getPropertySources().addFirst(new MapPropertySource("yaml", Map.of(
                "wattos.llm.prices.gpt-4o-mini.input-per-1k", "0.15", "wattos.llm.prices[llama3.1:8b].output-per-1k", "0.01")));
        LlmProperties priced = Binder.get(yaml).bind("wattos.llm", LlmProperties.class).get();
        assertThat(priced.prices().get("gpt-4o-mini").inputPer1k()).isEqualByComparingTo("0.15");
        assertThat(priced.prices().get("llama3.1:8b").outputPer1k()).isEqualByComparingTo("0.01");
        assertThat(ConfigurationPropertySources.get(yaml)).isNotNull();
    }

    @Test
    void tenantsWithoutProvidersUseThePlatformsInPriorityOrder() {
        try (OpenAiStub platformA = new OpenAiStub(); OllamaStub platformB = new OllamaStub(); OpenAiStub own = new OpenAiStub()) {
            LlmProperties props = bind(Map.of(
                    "WATTOS_LLM_PROVIDERS_0_NAME", "plattform-reserve", "WATTOS_LLM_PROVIDERS_0_TYPE", "ollama",
                    "WATTOS_LLM_PROVIDERS_0_BASE_URL", platformB.baseUri().toString(),
                    "WATTOS_LLM_PROVIDERS_0_DEFAULT_MODEL", "llama", "WATTOS_LLM_PROVIDERS_0_PRIORITY", "1",
                    "WATTOS_LLM_PROVIDERS_1_NAME", "plattform", "WATTOS_LLM_PROVIDERS_1_TYPE", "openai",
                    "WATTOS_LLM_PROVIDERS_1_BASE_URL", platformA.baseUri().toString(),
                    "WATTOS_LLM_PROVIDERS_1_DEFAULT_MODEL", "gpt", "WATTOS_LLM_PROVIDERS_1_PRIORITY", "9"));
            Gateway gateway = new Gateway(new ProviderCatalog(tenantProviders, types, props, secrets, urlGuard),
                    new CircuitBreakers(props), extractive, pii, usage, budgets, new Prices(props), props);
            ModelRequest request = new ModelRequest(List.of(new ModelMessage(ModelMessage.Role.USER,
                    "Meine Mail: anna@example.org")), null, null, null, null, "chat");

            TenantRef without = new TenantRef(Ids.newId(), "ohne", "de", ZoneId.of("Europe/Berlin"));
            ModelResponse r = TenantContext.callAs(without, () -> gateway.complete(request));
            assertThat(r.provider()).isEqualTo("plattform");
            assertThat(platformA.lastChat().body()).doesNotContain("anna@example.org").contains("[EMAIL_1]");

            platformA.always(new de.wattos.support.ProviderStub.Failure(503, "x", "weg", null));
            assertThat(TenantContext.callAs(without, () -> gateway.complete(request)).provider()).isEqualTo("plattform-reserve");
            assertThat(platformB.lastChat().body()).as("ollama: PII protection off by default").contains("anna@example.org");

            TenantRef with = new TenantRef(Ids.newId(), "mit", "de", ZoneId.of("Europe/Berlin"));
            TenantContext.runAs(with, () -> providers.add("eigen", "openai", own.baseUri(), 0, true, 5));
            int platformCalls = platformA.chatRequests.get() + platformB.chatRequests.get();
            assertThat(TenantContext.callAs(with, () -> gateway.complete(request)).provider()).isEqualTo("eigen");
            own.always(new de.wattos.support.ProviderStub.Failure(503, "x", "weg", null));
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(de.wattos.llm.ModelException.class,
                    () -> TenantContext.callAs(with, () -> gateway.complete(request))).code()).isEqualTo("provider_unavailable");
            assertThat(platformA.chatRequests.get() + platformB.chatRequests.get())
                    .as("a tenant with its own providers never falls back to the platform's").isEqualTo(platformCalls);
        }
    }
}
