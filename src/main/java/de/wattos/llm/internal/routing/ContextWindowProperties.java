package de.wattos.llm.internal.routing;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wattos.llm.context.*}: context windows in tokens per model name (exact name, or a prefix ending in
 * {@code *}), e.g. {@code wattos.llm.context.models[my-llama]=32768}, overriding the known model families; and the
 * window assumed for a model nothing is known about. Env: {@code WATTOS_LLM_CONTEXT_DEFAULTTOKENS}.
 */
@ConfigurationProperties("wattos.llm.context")
public record ContextWindowProperties(@DefaultValue Map<String, Integer> models, @DefaultValue("8192") int defaultTokens) {

    public ContextWindowProperties {
        models = models == null ? Map.of() : Map.copyOf(models);
        if (defaultTokens < 512) {
            throw new IllegalArgumentException("wattos.llm.context.default-tokens must be at least 512");
        }
    }
}
