package de.wattos.platform;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Installation-wide settings that a platform admin changes at run time and that survive restarts (table
 * {@code platform_settings}). Read on hot paths (every outbound fetch asks {@link #allowPrivateNetworks()}), so
 * values are cached for a few seconds; a change on this node is seen at once, on other nodes within the cache time.
 */
@Component
public class PlatformSettings {

    /** Lets outbound fetches (crawler, provider base URLs) reach loopback, private and link-local addresses. */
    public static final String ALLOW_PRIVATE_NETWORKS = "network.allow-private-networks";

    private static final Logger log = LoggerFactory.getLogger(PlatformSettings.class);
    private static final long CACHE_NANOS = Duration.ofSeconds(5).toNanos();

    private final JdbcClient jdbc;
    private volatile Cached allowPrivate;

    private record Cached(boolean value, long readAt) {
    }

    public PlatformSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean allowPrivateNetworks() {
        Cached c = allowPrivate;
        if (c == null || System.nanoTime() - c.readAt() > CACHE_NANOS) {
            c = new Cached(get(ALLOW_PRIVATE_NETWORKS).map(Boolean::parseBoolean).orElse(false), System.nanoTime());
            allowPrivate = c;
        }
        return c.value();
    }

    public void setAllowPrivateNetworks(boolean allow, Actor by) {
        put(ALLOW_PRIVATE_NETWORKS, Boolean.toString(allow), by);
        allowPrivate = null;
    }

    private Optional<String> get(String key) {
        try {
            return jdbc.sql("select value from platform_settings where key = :key").param("key", key).query(String.class).optional();
        } catch (RuntimeException e) {
            // the database is briefly unavailable (start, failover): the safe answer is the default
            return Optional.empty();
        }
    }

    private void put(String key, String value, Actor by) {
        jdbc.sql("""
                insert into platform_settings (key, value, updated_by, updated_at) values (:key, :value, :by, now())
                on conflict (key) do update set value = excluded.value, updated_by = excluded.updated_by, updated_at = now()""")
                .param("key", key).param("value", value).param("by", by.label()).update();
        log.info("Platform setting {} = {} (by {})", key, value, by.label());
    }
}
