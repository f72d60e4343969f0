package de.wattos.platform.cluster;

import java.util.function.Consumer;

/**
 * Fire-and-forget signals to every instance (this one included): "look at the feed now", "stop this answer",
 * "forget this cached configuration". With {@code wattos.redis.url} they travel over Redis pub/sub; without it they
 * stay in this process. Delivery is at most once: a receiver must also find out by itself later (poll, expiry), a
 * signal only makes it sooner.
 */
public interface ClusterSignals {

    /** Sends {@code message} on {@code topic} to the subscribers of every instance. Never throws. */
    void publish(String topic, String message);

    /** Calls {@code receiver} (on a signal thread) for each message on {@code topic}, until closed. */
    AutoCloseable subscribe(String topic, Consumer<String> receiver);
}
