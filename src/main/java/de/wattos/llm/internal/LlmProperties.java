package de.wattos.llm.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wattos.llm.*}: platform-wide providers (used by tenants that configured none of their own), prices per
 * model, retry and circuit-breaker tuning. Env: {@code WATTOS_LLM_PROVIDERS_0_TYPE=openai} and so on.
 */
@ConfigurationProperties("wattos.llm")
public record LlmProperties(List<GlobalProvider> providers, Map<String, Price> prices, Retry retry, Breaker breaker,
        Boolean extractiveWhenBudgetExceeded, Duration connectTimeout) {

    public LlmProperties {
        providers = providers == null ? List.of() : List.copyOf(providers);
        prices = prices == null ? Map.of() : Map.copyOf(prices);
        retry = retry == null ? new Retry(null, null, null) : retry;
        breaker = breaker == null ? new Breaker(null, null) : breaker;
        extractiveWhenBudgetExceeded = extractiveWhenBudgetExceeded == null || extractiveWhenBudgetExceeded;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    }

    public static LlmProperties defaults() {
        return new LlmProperties(null, null, null, null, null, null);
    }

    /** A provider configured by the platform operator (trusted: its base URL is not checked by UrlGuard). */
    public record GlobalProvider(String name, String type, String baseUrl, String apiKey, String apiVersion,
            String defaultModel, List<String> models, Integer timeoutSeconds, Integer priority, Boolean enabled,
            Boolean piiProtection) {
        public GlobalProvider {
            models = models == null ? List.of() : List.copyOf(models);
            timeoutSeconds = timeoutSeconds == null ? 60 : timeoutSeconds;
            priority = priority == null ? 0 : priority;
            enabled = enabled == null || enabled;
        }
    }

    /** EUR per 1,000 tokens. */
    public record Price(BigDecimal inputPer1k, BigDecimal outputPer1k) {
        public Price {
            inputPer1k = inputPer1k == null ? BigDecimal.ZERO : inputPer1k;
            outputPer1k = outputPer1k == null ? BigDecimal.ZERO : outputPer1k;
        }
    }

    /** Retries of a rate-limited (429) call on the same provider before falling back. */
    public record Retry(Integer maxAttempts, Duration initialBackoff, Duration maxWait) {
        public Retry {
            maxAttempts = maxAttempts == null ? 3 : Math.max(1, maxAttempts);
            initialBackoff = initialBackoff == null ? Duration.ofMillis(250) : initialBackoff;
            maxWait = maxWait == null ? Duration.ofSeconds(10) : maxWait;
        }
    }

    /** Per provider: open after {@code failureThreshold} consecutive failures, try again after {@code coolDown}. */
    public record Breaker(Integer failureThreshold, Duration coolDown) {
        public Breaker {
            failureThreshold = failureThreshold == null ? 3 : Math.max(1, failureThreshold);
            coolDown = coolDown == null ? Duration.ofSeconds(30) : coolDown;
        }
    }
}
