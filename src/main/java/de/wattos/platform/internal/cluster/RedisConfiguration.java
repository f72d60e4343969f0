package de.wattos.platform.internal.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The Redis connection of production mode. One Lettuce client; its connections are thread-safe and shared. A
 * configured Redis that cannot be reached stops the start with the reason (rather than running on quietly with
 * per-process limits the operator did not ask for).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisMode.On.class)
class RedisConfiguration {

    @Bean(destroyMethod = "shutdown")
    RedisClient wattosRedisClient(RedisProperties properties) {
        RedisClient client = RedisClient.create(RedisURI.create(properties.url().strip()));
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout())).build());
        return client;
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> wattosRedisConnection(RedisClient client) {
        return client.connect();
    }
}
