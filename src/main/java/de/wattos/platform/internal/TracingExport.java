package de.wattos.platform.internal;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code WATTOS_TRACING_OTLP_ENDPOINT} (e.g. {@code http://collector:4318/v1/traces}) sends OpenTelemetry traces
 * there over OTLP/HTTP; unset, spans never leave the process. {@code WATTOS_TRACING_SAMPLING_PROBABILITY} (default
 * 1.0 once an endpoint is set) picks the share of requests traced. Mapped here rather than in application.yaml
 * because Boot creates the exporter as soon as its endpoint property exists, even when it is empty. Boot's own
 * {@code management.*} properties keep working and win.
 */
public class TracingExport implements EnvironmentPostProcessor {

    static final String BOOT_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String BOOT_SAMPLING = "management.tracing.sampling.probability";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String endpoint = environment.getProperty("wattos.tracing.otlp-endpoint",
                environment.getProperty("WATTOS_TRACING_OTLP_ENDPOINT"));
        if (endpoint == null || endpoint.isBlank() || environment.containsProperty(BOOT_ENDPOINT)) {
            return;
        }
        Map<String, Object> mapped = new HashMap<>();
        mapped.put(BOOT_ENDPOINT, endpoint.strip());
        if (!environment.containsProperty(BOOT_SAMPLING)) {
            mapped.put(BOOT_SAMPLING, environment.getProperty("wattos.tracing.sampling-probability",
                    environment.getProperty("WATTOS_TRACING_SAMPLING_PROBABILITY", "1.0")));
        }
        environment.getPropertySources().addLast(new MapPropertySource("wattosTracing", mapped));
    }
}
