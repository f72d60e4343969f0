package de.wattos.platform.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The database: the PostgreSQL named by {@code wattos.db.url} (env {@code WATTOS_DB_URL}, with
 * {@code WATTOS_DB_USER}/{@code WATTOS_DB_PASSWORD}), else the embedded PostgreSQL that
 * {@link EmbeddedDatabaseStarter} started with its data in {@code <data dir>/postgres} (kept across restarts).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean
    EmbeddedDatabase embeddedDatabase(@Qualifier(EmbeddedDatabaseStarter.BEAN) ObjectProvider<EmbeddedDatabaseStarter.Startup> startup,
            @Value("${wattos.db.url:}") String url) {
        EmbeddedDatabaseStarter.Startup s = startup.getIfAvailable();
        if (StringUtils.hasText(url) || s == null) {
            return new EmbeddedDatabase(null);
        }
        long waitStart = System.nanoTime();
        try {
            EmbeddedPostgres pg = s.server().join();
            log.info("Embedded PostgreSQL on port {} with data in {} (waited {} ms)", pg.getPort(),
                    s.dataDir().resolve("postgres"), (System.nanoTime() - waitStart) / 1_000_000);
            return new EmbeddedDatabase(pg);
        } catch (CompletionException e) {
            throw new IllegalStateException("Embedded PostgreSQL did not start: " + e.getCause().getMessage(), e.getCause());
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
