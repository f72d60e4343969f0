package de.wattos.support;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A {@code wattos.*} properties record as the application would bind it from the given settings (relaxed names,
 * e.g. {@code ping-interval}); everything not given takes the record's {@code @DefaultValue}.
 */
public final class BoundProperties {

    private BoundProperties() {
    }

    public static <T> T bind(String prefix, Class<T> type, Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> prefix + "." + e.getKey(), Map.Entry::getValue))))
                .bindOrCreate(prefix, type);
    }
}
