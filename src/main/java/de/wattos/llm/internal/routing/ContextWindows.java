package de.wattos.llm.internal.routing;

import de.wattos.llm.ContextWindow;
import de.wattos.llm.ModelContextWindows;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Context windows of the configured models: the operator's figure for a model first, then the published window
 * of its family (matched by the longest name prefix), else the configured default.
 */
@Component
public class ContextWindows implements ModelContextWindows {

    /** Published windows of common families, longest prefix wins ("gpt-4o" before "gpt-4"). */
    private static final List<Map.Entry<String, Integer>> KNOWN = List.of(
            Map.entry("gpt-5", 400_000), Map.entry("gpt-4.1", 1_047_576), Map.entry("gpt-4o", 128_000),
            Map.entry("gpt-4-turbo", 128_000), Map.entry("gpt-4-32k", 32_768), Map.entry("gpt-4", 8_192),
            Map.entry("gpt-3.5-turbo", 16_385), Map.entry("o1", 200_000), Map.entry("o3", 200_000), Map.entry("o4", 200_000),
            Map.entry("claude", 200_000), Map.entry("llama3.1", 131_072), Map.entry("llama3.2", 131_072),
            Map.entry("llama3.3", 131_072), Map.entry("llama3", 8_192), Map.entry("llama-3.1", 131_072),
            Map.entry("llama-3.3", 131_072), Map.entry("mistral-large", 131_072), Map.entry("mistral-small", 32_768),
            Map.entry("mistral-nemo", 131_072), Map.entry("mistral", 32_768), Map.entry("mixtral", 32_768),
            Map.entry("qwen2.5", 32_768), Map.entry("qwen3", 40_960), Map.entry("gemma3", 131_072), Map.entry("gemma2", 8_192),
            Map.entry("phi3", 4_096), Map.entry("phi4", 16_384))
            .stream().sorted(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getKey().length()).reversed()).toList();

    private final ProviderCatalog catalog;
    private final ContextWindowProperties properties;

    public ContextWindows(ProviderCatalog catalog, ContextWindowProperties properties) {
        this.catalog = catalog;
        this.properties = properties;
    }

    @Override
    public ContextWindow smallest() {
        return catalog.candidates(null).stream().map(c -> of(c.model()))
                .min(Comparator.comparingInt(ContextWindow::tokens))
                .orElse(new ContextWindow(properties.defaultTokens(), null, ContextWindow.Origin.DEFAULT));
    }

    @Override
    public ContextWindow of(String model) {
        if (model == null || model.isBlank()) {
            return new ContextWindow(properties.defaultTokens(), model, ContextWindow.Origin.DEFAULT);
        }
        Integer exact = properties.models().get(model);
        if (exact != null) {
            return new ContextWindow(exact, model, ContextWindow.Origin.CONFIGURED);
        }
        String configuredPrefix = properties.models().keySet().stream().filter(k -> k.endsWith("*"))
                .filter(k -> model.startsWith(k.substring(0, k.length() - 1)))
                .max(Comparator.comparingInt(String::length)).orElse(null);
        if (configuredPrefix != null) {
            return new ContextWindow(properties.models().get(configuredPrefix), model, ContextWindow.Origin.CONFIGURED);
        }
        // "library/llama3.1:8b" and "openai/gpt-4o" name the same families as their last path segment
        String name = model.toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        for (Map.Entry<String, Integer> known : KNOWN) {
            if (name.startsWith(known.getKey())) {
                return new ContextWindow(known.getValue(), model, ContextWindow.Origin.KNOWN_MODEL);
            }
        }
        return new ContextWindow(properties.defaultTokens(), model, ContextWindow.Origin.DEFAULT);
    }
}
