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
        String format = consoleLogFormat(System.getenv("WATTOS_LOG_FORMAT"));
        if (format != null && System.getProperty("logging.structured.format.console") == null) {
            System.setProperty("logging.structured.format.console", format);
        }
        // a stop finishes native work before the shutdown hooks run (see OrderlyExit)
        OrderlyExit.onStopSignals();
        SpringApplication.run(WattosApplication.class, args);
    }

    /** The structured console format {@code WATTOS_LOG_FORMAT} asks for: {@code json} → ECS; otherwise none (text). */
    static String consoleLogFormat(String wattosLogFormat) {
        return wattosLogFormat != null && wattosLogFormat.strip().equalsIgnoreCase("json") ? "ecs" : null;
    }
}
