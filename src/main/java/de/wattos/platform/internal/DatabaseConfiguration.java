package de.wattos.platform.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import de.wattos.platform.DataDirectory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The database: the PostgreSQL named by {@code wattos.db.url} (env {@code WATTOS_DB_URL}, with
 * {@code WATTOS_DB_USER}/{@code WATTOS_DB_PASSWORD}), else an embedded PostgreSQL whose data lives in
 * {@code <data dir>/postgres} and survives restarts.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean
    EmbeddedDatabase embeddedDatabase(DataDirectory data, @Value("${wattos.db.url:}") String url) {
        if (StringUtils.hasText(url)) {
            return new EmbeddedDatabase(null);
        }
        Path dir = data.resolve("postgres");
        Path work = data.resolve("postgres-bin");
        try {
            long start = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("fsync", System.getProperty("wattos.db.fsync", "on"))
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)", pg.getPort(), dir,
                    (System.nanoTime() - start) / 1_000_000);
            return new EmbeddedDatabase(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + dir, e);
        }
    }

    @Bean
    DataSource dataSource(EmbeddedDatabase embedded, @Value("${wattos.db.url:}") String url,
            @Value("${wattos.db.user:}") String user, @Value("${wattos.db.password:}") String password,
            @Value("${wattos.db.pool-size:20}") int poolSize) {
        HikariConfig config = new HikariConfig();
        if (embedded.postgres() != null) {
            config.setJdbcUrl(embedded.postgres().getJdbcUrl("postgres", "postgres"));
        } else {
            config.setJdbcUrl(url);
            if (StringUtils.hasText(user)) {
                config.setUsername(user);
            }
            if (StringUtils.hasText(password)) {
                config.setPassword(password);
            }
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(2);
        config.setPoolName("wattos");
        return new HikariDataSource(config);
    }

    /** Holder so the embedded server is stopped after the pool is closed. */
    record EmbeddedDatabase(EmbeddedPostgres postgres) implements DisposableBean {
        @Override
        public void destroy() throws IOException {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
