package de.wattos.llm.internal.provider;

import de.wattos.llm.internal.spi.ModelProviderFactory;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Every {@link ModelProviderFactory} on the classpath, by id. */
@Component
public class ProviderTypes {

    private final Map<String, ModelProviderFactory> factories;

    public ProviderTypes(ObjectProvider<ModelProviderFactory> factories) {
        this.factories = factories.orderedStream().collect(Collectors.toMap(ModelProviderFactory::id, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("Two provider factories with id " + a.id());
                }, TreeMap::new));
    }

    public Optional<ModelProviderFactory> find(String type) {
        return Optional.ofNullable(type == null ? null : factories.get(type));
    }

    public java.util.Set<String> ids() {
        return factories.keySet();
    }
}
