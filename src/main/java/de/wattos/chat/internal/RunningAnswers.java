package de.wattos.chat.internal;

import de.wattos.platform.cluster.ClusterSignals;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers being generated on this node, by message id, so that a stop request can reach them. A stop that arrives
 * at another instance than the one generating the answer travels there as a cluster signal ({@value #STOP}).
 */
@Component
class RunningAnswers {

    private static final Logger log = LoggerFactory.getLogger(RunningAnswers.class);
    static final String STOP = "chat.stop";

    private final Map<UUID, Answering.Run> runs = new ConcurrentHashMap<>();
    private final ClusterSignals signals;

    RunningAnswers(ClusterSignals signals) {
        this.signals = signals;
        signals.subscribe(STOP, this::stopRequested);
    }

    void add(Answering.Run run) {
        runs.put(run.messageId(), run);
    }

    void remove(Answering.Run run) {
        runs.remove(run.messageId(), run);
    }

    Optional<Answering.Run> find(UUID tenantId, UUID messageId) {
        Answering.Run run = runs.get(messageId);
        return run != null && run.tenantId().equals(tenantId) ? Optional.of(run) : Optional.empty();
    }

    /** Stops the answer here if it runs here, else asks every other instance to stop it. */
    boolean stop(UUID tenantId, UUID messageId, boolean generatingSomewhere) {
        Optional<Answering.Run> here = find(tenantId, messageId);
        if (here.isPresent()) {
            here.get().cancel("stopped");
            return true;
        }
        if (!generatingSomewhere) {
            return false;
        }
        signals.publish(STOP, tenantId + "|" + messageId);
        return true;
    }

    private void stopRequested(String message) {
        String[] parts = message.split("\\|", 2);
        try {
            find(UUID.fromString(parts[0]), UUID.fromString(parts[1])).ifPresent(run -> run.cancel("stopped"));
        } catch (RuntimeException malformed) {
            log.debug("Ignoring stop signal '{}'", message, malformed);
        }
    }

    int size() {
        return runs.size();
    }
}
