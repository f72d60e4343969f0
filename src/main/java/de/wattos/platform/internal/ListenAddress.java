package de.wattos.platform.internal;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code WATTOS_ADDRESS} (or {@code wattos.address}) picks the network interface to listen on, e.g. 127.0.0.1 for
 * this machine only; unset, WattOS listens on all interfaces as before. Mapped here rather than in
 * application.yaml because an empty {@code server.address} would not mean "all interfaces".
 * {@code server.address} itself keeps working and wins.
 */
public class ListenAddress implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String address = environment.getProperty("wattos.address", environment.getProperty("WATTOS_ADDRESS"));
        if (address != null && !address.isBlank() && !environment.containsProperty("server.address")) {
            environment.getPropertySources().addLast(new MapPropertySource("wattosAddress",
                    Map.of("server.address", address.trim())));
        }
    }
}
