package de.wattos.llm.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wattos.llm.*}: platform-wide providers (used by tenants that configured none of their own), prices per
 * model, retry and circuit-breaker tuning. Env: {@code WATTOS_LLM_PROVIDERS_0_TYPE=openai} and so on.
 */
@ConfigurationProperties("wattos.llm")
public record LlmProperties(
        @DefaultValue List<GlobalProvider> providers,
        @DefaultValue Map<String, Price> prices,
        @DefaultValue Retry retry,
        @DefaultValue Breaker breaker,
        @DefaultValue("true") boolean extractiveWhenBudgetExceeded,
        @DefaultValue("5s") Duration connectTimeout) {

    public LlmProperties {
        providers = List.copyOf(providers);
        prices = Map.copyOf(prices);
    }

    /** The settings with nothing configured (what the annotations say). */
    public static LlmProperties defaults() {
        return new Binder().bindOrCreate("wattos.llm", LlmProperties.class);
    }

    /** A provider configured by the platform operator (trusted: its base URL is not checked by UrlGuard). */
    public record GlobalProvider(String name, String type, String baseUrl, String apiKey, String apiVersion,
            String defaultModel, @DefaultValue List<String> models, @DefaultValue("60") int timeoutSeconds,
            @DefaultValue("0") int priority, @DefaultValue("true") boolean enabled, Boolean piiProtection) {
        public GlobalProvider {
            models = List.copyOf(models);
        }
    }

    /** EUR per 1,000 tokens. */
    public record Price(@DefaultValue("0") BigDecimal inputPer1k, @DefaultValue("0") BigDecimal outputPer1k) {
    }

    /** Retries of a rate-limited (429) call on the same provider before falling back. */
    public record Retry(@DefaultValue("3") int maxAttempts, @DefaultValue("250ms") Duration initialBackoff,
            @DefaultValue("10s") Duration maxWait) {
        public Retry {
            maxAttempts = Math.max(1, maxAttempts);
        }
    }

    /** Per provider: open after {@code failureThreshold} consecutive failures, try again after {@code coolDown}. */
    public record Breaker(@DefaultValue("3") int failureThreshold, @DefaultValue("30s") Duration coolDown) {
        public Breaker {
            failureThreshold = Math.max(1, failureThreshold);
        }
    }
}
