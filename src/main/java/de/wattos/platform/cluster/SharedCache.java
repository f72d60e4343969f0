package de.wattos.platform.cluster;

import java.time.Duration;

/**
 * A cache that every instance shares (production mode: Redis), for answers that are expensive to compute and the
 * same on every node (dashboards, KPIs). Entries live in <em>scopes</em> (for example one per tenant); each scope
 * has a generation, and {@link #invalidate} starts a new one, so all of a scope's entries are gone for every
 * instance at once, and an answer computed from data read before the invalidation is stored under the old
 * generation where nobody reads it again.
 *
 * <p>There is a bean of this type only when {@code wattos.redis.url} is set. It never throws and never waits longer
 * than {@code wattos.redis.cache-timeout}: while Redis cannot be reached, {@link #lookup} answers {@code null}
 * (the caller uses its local cache), stores are dropped, and invalidations are remembered and sent as soon as Redis
 * answers again.
 */
public interface SharedCache {

    /** A scope's current generation and the value stored under the key in it ({@code null}: not cached). */
    record Lookup(long generation, String value) {
    }

    /** The key's value in the scope's current generation; {@code null} when Redis cannot be reached now. */
    Lookup lookup(String scope, String key);

    /** Stores a value under the key in the generation its {@link #lookup} saw, for {@code ttl}. */
    void store(String scope, Lookup seen, String key, String value, Duration ttl);

    /** Starts a new generation of the scope on every instance (its cached entries are gone). */
    void invalidate(String scope);
}
