/**
 * State that instances of WattOS share when several run together (production mode): token buckets for rate limits
 * and windows of counted failures. Without {@code wattos.redis.url} both live in this process, as on the embedded
 * default; with it, in Redis, so every instance sees the same counts. See {@code docs/production.md}.
 */
@org.springframework.modulith.NamedInterface("cluster")
package de.wattos.platform.cluster;
