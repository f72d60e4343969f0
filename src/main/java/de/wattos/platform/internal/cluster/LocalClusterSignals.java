package de.wattos.platform.internal.cluster;

import de.wattos.platform.cluster.ClusterSignals;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/** Signals of a single instance (no Redis): delivered in this process, off the publisher's thread. */
@Component
@Conditional(RedisMode.Off.class)
class LocalClusterSignals implements ClusterSignals {

    private static final Logger log = LoggerFactory.getLogger(LocalClusterSignals.class);

    private final Map<String, List<Consumer<String>>> receivers = new ConcurrentHashMap<>();

    @Override
    public void publish(String topic, String message) {
        List<Consumer<String>> forTopic = receivers.get(topic);
        if (forTopic == null || forTopic.isEmpty()) {
            return;
        }
        Thread.ofVirtual().name("signal-" + topic).start(() -> deliver(forTopic, message));
    }

    static void deliver(List<Consumer<String>> receivers, String message) {
        for (Consumer<String> receiver : receivers) {
            try {
                receiver.accept(message);
            } catch (RuntimeException e) {
                log.warn("A signal receiver failed", e);
            }
        }
    }

    @Override
    public AutoCloseable subscribe(String topic, Consumer<String> receiver) {
        List<Consumer<String>> forTopic = receivers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        forTopic.add(receiver);
        return () -> forTopic.remove(receiver);
    }
}
