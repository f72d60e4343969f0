package de.wattos;

import de.wattos.platform.OrderlyExit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WattosApplication {

    public static void main(String[] args) {
        // WATTOS_LOG_FORMAT=json switches the console to structured (ECS) JSON lines.
        String format = System.getenv("WATTOS_LOG_FORMAT");
        if (format != null && format.equalsIgnoreCase("json")
                && System.getProperty("logging.structured.format.console") == null) {
            System.setProperty("logging.structured.format.console", "ecs");
        }
        // a stop finishes native work before the shutdown hooks run (see OrderlyExit)
        OrderlyExit.onStopSignals();
        SpringApplication.run(WattosApplication.class, args);
    }
}
