package de.wattos.chat.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Answers being generated on this node, by message id, so that a stop request can reach them. */
@Component
class RunningAnswers {

    private final Map<UUID, Answering.Run> runs = new ConcurrentHashMap<>();

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

    int size() {
        return runs.size();
    }
}
