/**
 * State that instances of WattOS share when several run together (production mode): token buckets for rate limits,
 * windows of counted failures, and a {@link de.wattos.platform.cluster.SharedCache shared cache} (Redis only; without
 * it callers keep their local caches). Without {@code wattos.redis.url} buckets and windows live in this process, as
 * on the embedded default; with it, in Redis, so every instance sees the same counts. See {@code docs/production.md}.
 */
@org.springframework.modulith.NamedInterface("cluster")
package de.wattos.platform.cluster;
